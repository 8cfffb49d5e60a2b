package dev.cairn.ui.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.cairn.engine.journey.draft.JourneyDrafts;
import dev.cairn.engine.journey.draft.Publication;
import dev.cairn.ui.console.BpmnViewer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** Who published which version when; an older version opens read-only and can become the draft. */
final class VersionHistoryDialog extends Dialog {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  VersionHistoryDialog(String journeyId, JourneyDrafts drafts, Consumer<String> restore) {
    setHeaderTitle("Versions");
    setWidth("min(1000px, 95vw)");
    addClassName("designer-versions");
    BpmnViewer viewer = new BpmnViewer();
    viewer.setWidthFull();
    viewer.setHeight("360px");
    viewer.setVisible(false);
    Grid<Publication> versions = new Grid<>();
    versions.addThemeVariants(GridVariant.LUMO_COMPACT);
    versions.addColumn(p -> "v" + p.version()).setHeader("Version").setAutoWidth(true);
    versions
        .addColumn(p -> WHEN.format(p.publishedAt().atZone(ZoneId.systemDefault())))
        .setHeader("Published")
        .setAutoWidth(true);
    versions
        .addColumn(p -> p.publishedBy() == null ? "—" : p.publishedBy())
        .setHeader("By")
        .setFlexGrow(1);
    versions
        .addColumn(
            new ComponentRenderer<>(
                p -> {
                  if (!p.hasDrawing()) {
                    return new Span("drawing not kept (published before the designer)");
                  }
                  Button open =
                      new Button(
                          "Open",
                          click -> {
                            viewer.setVisible(true);
                            drafts.drawingOf(journeyId, p.version()).ifPresent(viewer::show);
                          });
                  open.addThemeVariants(ButtonVariant.LUMO_SMALL);
                  open.addClassName("version-open");
                  Button restoreButton =
                      new Button(
                          "Restore as draft",
                          click -> {
                            drafts.drawingOf(journeyId, p.version()).ifPresent(restore);
                            close();
                          });
                  restoreButton.addThemeVariants(ButtonVariant.LUMO_SMALL);
                  restoreButton.addClassName("version-restore");
                  return new HorizontalLayout(open, restoreButton);
                }))
        .setHeader("")
        .setAutoWidth(true);
    versions.setItems(drafts.history(journeyId));
    versions.setAllRowsVisible(true);
    add(versions, viewer);
    getFooter().add(new Button("Close", click -> close()));
  }
}
