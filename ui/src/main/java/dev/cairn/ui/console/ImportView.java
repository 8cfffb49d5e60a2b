package dev.cairn.ui.console;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.imports.ColumnMapping;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.imports.ImportProgress;
import dev.cairn.engine.imports.ImportReport;
import dev.cairn.engine.imports.ImportTarget;
import dev.cairn.engine.imports.Inspection;
import dev.cairn.engine.imports.InvalidImportException;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The import wizard: upload a CSV, check where each column goes (guessed from its header), pick
 * what makes two rows the same person and where the contacts came from, import with a progress bar
 * that follows the import live, then see (and download) every row that was not imported and why.
 */
@Route("contacts/import")
@PageTitle("Import contacts · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class ImportView extends VerticalLayout {

  private static final int MAX_BYTES = 100 * 1024 * 1024;
  private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance(Locale.US);

  private final ContactImport imports;
  private final VerticalLayout mappingStep = new VerticalLayout();
  private final VerticalLayout resultStep = new VerticalLayout();
  private final List<ColumnRow> columns = new ArrayList<>();
  private final Select<DedupeKey> key = new Select<>();
  private final TextField source = new TextField("Where do these contacts come from?");
  private final Checkbox agreed =
      new Checkbox(
          "These contacts agreed to receive marketing email (recorded with the source above)");
  private final ComboBox<ContactList> list =
      new ComboBox<>("Also add every imported contact to a list (optional)");
  private final ProgressBar progress = new ProgressBar();
  private final Span progressText = new Span();
  private @Nullable File uploaded;
  private String fileName = "";
  private @Nullable UI ui;

  /** One column of the file and where it goes. */
  private record ColumnRow(
      String header, String sample, Select<ImportTarget> target, TextField traitName) {
    ColumnMapping mapping() {
      return new ColumnMapping(
          header,
          target.getValue(),
          target.getValue() == ImportTarget.TRAIT ? traitName.getValue() : null);
    }
  }

  public ImportView(ContactImport imports, ContactLists lists) {
    this.imports = imports;
    list.setItems(lists.lists());
    list.setItemLabelGenerator(ContactList::name);
    list.setClearButtonVisible(true);
    list.setWidth("28rem");
    list.setId("import-list");
    setWidthFull();
    Upload upload =
        new Upload(
            UploadHandler.toTempFile(
                (metadata, file) -> {
                  fileName = metadata.fileName();
                  uploaded = file;
                  UI current = ui;
                  if (current != null) {
                    current.access(this::inspect);
                  }
                }));
    upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain");
    upload.setMaxFileSize(MAX_BYTES);
    upload.setDropLabel(new Span("Drop a CSV file here (first row: column names)"));
    upload.addFileRejectedListener(rejected -> error(rejected.getErrorMessage()));

    key.setLabel("Same person when they have the same");
    key.setItems(DedupeKey.values());
    key.setItemLabelGenerator(DedupeKey::label);
    source.setPlaceholder("e.g. Trade fair 2026 sign-up sheet");
    source.setWidth("28rem");
    progress.setVisible(false);
    progress.setId("import-progress-bar");
    progressText.setId("import-progress");
    mappingStep.setPadding(false);
    mappingStep.setVisible(false);
    resultStep.setPadding(false);
    resultStep.setVisible(false);

    add(
        new H2("Import contacts"),
        new Paragraph(
            "Existing contacts are updated with the file's values; new ones are created. Nothing is sent to anyone."),
        upload,
        mappingStep,
        progress,
        progressText,
        resultStep);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    ui = event.getUI();
  }

  private void inspect() {
    File file = uploaded;
    if (file == null) {
      return;
    }
    try (InputStream in = Files.newInputStream(file.toPath())) {
      showMapping(imports.inspect(in));
    } catch (InvalidImportException e) {
      error(e.getMessage());
    } catch (IOException e) {
      error("The upload could not be read: " + e.getMessage());
    }
  }

  private void showMapping(Inspection inspection) {
    columns.clear();
    for (int i = 0; i < inspection.headers().size(); i++) {
      ColumnMapping guess = inspection.guessed().get(i);
      Select<ImportTarget> target = new Select<>();
      target.setItems(ImportTarget.values());
      target.setItemLabelGenerator(ImportTarget::label);
      target.setValue(guess.target());
      TextField traitName = new TextField();
      traitName.setValue(guess.traitName() == null ? "" : guess.traitName());
      traitName.setVisible(guess.target() == ImportTarget.TRAIT);
      target.addValueChangeListener(
          change -> traitName.setVisible(change.getValue() == ImportTarget.TRAIT));
      int column = i;
      String sample =
          inspection.preview().stream()
              .filter(row -> row.size() > column)
              .map(row -> row.get(column))
              .filter(v -> !v.isEmpty())
              .findFirst()
              .orElse("");
      columns.add(new ColumnRow(inspection.headers().get(i), sample, target, traitName));
    }
    Grid<ColumnRow> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.addColumn(ColumnRow::header).setHeader("Column");
    grid.addColumn(ColumnRow::sample).setHeader("Example");
    grid.addComponentColumn(ColumnRow::target).setHeader("Goes to");
    grid.addComponentColumn(ColumnRow::traitName).setHeader("Attribute name");
    grid.setItems(columns);
    grid.setAllRowsVisible(true);
    key.setValue(
        columns.stream().anyMatch(c -> c.target().getValue() == ImportTarget.EMAIL)
            ? DedupeKey.EMAIL
            : columns.stream().anyMatch(c -> c.target().getValue() == ImportTarget.PHONE)
                ? DedupeKey.PHONE
                : DedupeKey.EXTERNAL_ID);

    Button start = new Button("Import " + fileName, click -> startImport());
    start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    mappingStep.removeAll();
    mappingStep.add(new H3("Where does each column go?"), grid, key, source, agreed, list, start);
    mappingStep.setVisible(true);
    resultStep.setVisible(false);
  }

  private void startImport() {
    File file = uploaded;
    UI current = ui;
    if (file == null || current == null) {
      return;
    }
    ImportPlan plan;
    try {
      plan =
          new ImportPlan(
              columns.stream().map(ColumnRow::mapping).toList(),
              key.getValue(),
              source.getValue(),
              agreed.getValue() ? ConsentStatus.SUBSCRIBED : null,
              list.getValue() == null ? null : list.getValue().id());
    } catch (IllegalArgumentException e) {
      error(e.getMessage());
      return;
    }
    mappingStep.setVisible(false);
    resultStep.setVisible(false);
    progress.setVisible(true);
    progress.setIndeterminate(true);
    progressText.setText("Counting the rows of " + fileName + "…");
    String name = fileName;
    // The application shell has @Push: each batch's count reaches the browser as soon as the
    // batch is in, with no polling round trips while nothing happens.
    Thread.ofVirtual()
        .name("cairn-import")
        .start(
            () -> {
              PushedUpdates live = new PushedUpdates(current);
              boolean fixable = false;
              try {
                ImportReport report =
                    imports.run(
                        file.toPath(), name, plan, step -> live.show(() -> showProgress(step)));
                live.show(() -> showResult(report));
              } catch (InvalidImportException e) {
                // Nothing was imported: the marketer corrects the mapping and imports the same
                // upload.
                fixable = true;
                live.show(
                    () -> {
                      error(e.getMessage());
                      progressText.setText("");
                      mappingStep.setVisible(true);
                    });
              } catch (RuntimeException e) {
                live.show(
                    () ->
                        error(
                            "The import stopped: "
                                + e.getMessage()
                                + ". Batches before this point were imported."));
              } finally {
                live.show(() -> progress.setVisible(false));
                if (!fixable) {
                  file.delete();
                }
              }
            });
  }

  private void showProgress(ImportProgress step) {
    progress.setIndeterminate(false);
    progress.setValue(step.fraction());
    progressText.setText(
        NUMBERS.format(step.rows())
            + " of "
            + NUMBERS.format(step.totalRows())
            + " rows · "
            + NUMBERS.format(step.created())
            + " created, "
            + NUMBERS.format(step.updated())
            + " updated, "
            + NUMBERS.format(step.rejected())
            + " not imported so far");
  }

  private void showResult(ImportReport report) {
    progressText.setText(
        NUMBERS.format(report.rows())
            + " rows: "
            + NUMBERS.format(report.created())
            + " contacts created, "
            + NUMBERS.format(report.updated())
            + " updated, "
            + NUMBERS.format(report.rejected().size())
            + " not imported.");
    resultStep.removeAll();
    if (!report.rejected().isEmpty()) {
      Grid<ImportReport.RejectedRow> rejected = new Grid<>();
      rejected.addThemeVariants(GridVariant.LUMO_COMPACT);
      rejected.addColumn(ImportReport.RejectedRow::line).setHeader("Line").setAutoWidth(true);
      rejected.addColumn(ImportReport.RejectedRow::reason).setHeader("Why").setFlexGrow(3);
      rejected.addColumn(row -> String.join(", ", row.values())).setHeader("Values").setFlexGrow(3);
      rejected.setItems(report.rejected());
      rejected.setHeight("320px");
      byte[] csv = rejectedCsv(report);
      Anchor download =
          new Anchor(
              DownloadHandler.fromInputStream(
                  event ->
                      new DownloadResponse(
                          new ByteArrayInputStream(csv),
                          "not-imported.csv",
                          "text/csv",
                          csv.length)),
              "Download the rows that were not imported (CSV)");
      download.getElement().setAttribute("download", true);
      resultStep.add(new H3("Not imported"), download, rejected);
    }
    resultStep.setVisible(true);
  }

  private static byte[] rejectedCsv(ImportReport report) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
      for (ImportReport.RejectedRow row : report.rejected()) {
        List<String> record = new ArrayList<>();
        record.add(String.valueOf(row.line()));
        record.add(row.reason());
        record.addAll(row.values());
        csv.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void error(String message) {
    Notification notification =
        Notification.show(message, 8000, Notification.Position.BOTTOM_START);
    notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
  }
}
