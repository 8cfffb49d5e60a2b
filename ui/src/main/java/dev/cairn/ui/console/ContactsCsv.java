package dev.cairn.ui.console;

import com.vaadin.flow.server.streams.DownloadHandler;
import dev.cairn.engine.imports.ContactCsvExport;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Downloads of contacts as CSV, streamed from the database to the browser. */
final class ContactsCsv {

  private ContactsCsv() {}

  static DownloadHandler download(
      ContactCsvExport export, @Nullable String segmentId, String fileName) {
    return event -> {
      event.setFileName(fileName);
      event.setContentType("text/csv");
      try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
        export.write(out, segmentId);
      }
    };
  }
}
