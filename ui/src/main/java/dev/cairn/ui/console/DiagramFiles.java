package dev.cairn.ui.console;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.Revision;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Journey diagrams as files, for drawing them in Camunda Modeler with Cairn's element templates:
 * download the diagram, upload a changed one (or a new journey).
 */
final class DiagramFiles {

  private static final int MAX_BYTES = 2 * 1024 * 1024;

  private DiagramFiles() {}

  static Anchor download(Journeys journeys, String journeyId) {
    Anchor link =
        new Anchor(
            DownloadHandler.fromInputStream(
                event -> {
                  byte[] xml =
                      journeys.sourceOf(journeyId).orElse("").getBytes(StandardCharsets.UTF_8);
                  return new DownloadResponse(
                      new ByteArrayInputStream(xml),
                      journeyId + ".bpmn",
                      "application/xml",
                      xml.length);
                }),
            "Download .bpmn");
    link.getElement().setAttribute("download", true);
    link.addClassName("journey-download");
    link.getStyle().set("white-space", "nowrap");
    return link;
  }

  /**
   * An upload that saves the diagram for {@code journeyId} (null: as a new journey), then tells the
   * user what happened: refused and why, or saved with what publishing still needs.
   */
  static Upload upload(
      Journeys journeys, @Nullable String journeyId, UI ui, Consumer<Revision.Saved> afterSave) {
    Upload upload =
        new Upload(
            UploadHandler.inMemory(
                (metadata, bytes) ->
                    ui.access(
                        () ->
                            show(
                                journeys.saveDiagram(
                                    journeyId, new String(bytes, StandardCharsets.UTF_8)),
                                afterSave))));
    upload.setAcceptedFileTypes(".bpmn", ".xml", "application/xml", "text/xml");
    upload.setMaxFileSize(MAX_BYTES);
    upload.setMaxFiles(1);
    upload.setDropLabel(
        new Span(journeyId == null ? "or drop a .bpmn file here" : "or drop it here"));
    String action = journeyId == null ? "Add journey from .bpmn…" : "Upload changed diagram…";
    upload.setI18n(
        new UploadI18N().setAddFiles(new UploadI18N.AddFiles().setOne(action).setMany(action)));
    upload.addFileRejectedListener(rejected -> error(rejected.getErrorMessage()));
    upload.addClassName("journey-upload");
    return upload;
  }

  private static void show(Revision revision, Consumer<Revision.Saved> afterSave) {
    switch (revision) {
      case Revision.Refused refused -> error(refused.reason());
      case Revision.Saved saved -> {
        if (saved.problems().isEmpty()) {
          Notification.show(
              "Saved. Publish it to run it; contacts already inside keep their version.");
        } else {
          Dialog problems = new Dialog();
          problems.setHeaderTitle("Saved, but fix these before publishing");
          UnorderedList list = new UnorderedList();
          saved
              .problems()
              .forEach(
                  problem ->
                      list.add(
                          new ListItem(
                              (problem.elementId() == null ? "" : problem.elementId() + ": ")
                                  + problem.message())));
          problems.add(
              new Paragraph("The diagram is saved as a draft; what runs now is unchanged."), list);
          problems.getFooter().add(new Button("Close", click -> problems.close()));
          problems.open();
        }
        afterSave.accept(saved);
      }
    }
  }

  private static void error(String message) {
    Notification failed = Notification.show(message, 8_000, Notification.Position.MIDDLE);
    failed.addThemeVariants(NotificationVariant.LUMO_ERROR);
  }
}
