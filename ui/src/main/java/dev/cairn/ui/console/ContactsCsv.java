package dev.cairn.ui.console;

import com.vaadin.flow.server.streams.DownloadHandler;
import dev.cairn.engine.imports.ContactCsvExport;
import dev.cairn.ui.security.ConsoleChanges;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Downloads of contacts as CSV, streamed from the database to the browser. */
final class ContactsCsv {

  private ContactsCsv() {}

  /** The download; only admins and marketers get it (see {@link ConsoleChanges#export}). */
  static DownloadHandler download(
      ConsoleChanges changes,
      ContactCsvExport export,
      @Nullable String segmentId,
      String fileName) {
    return event ->
        changes.export(
            () -> {
              event.setFileName(fileName);
              event.setContentType("text/csv");
              try (Writer out =
                  new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
                export.write(out, segmentId);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return fileName;
            });
  }
}
