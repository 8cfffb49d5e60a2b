package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.cairn.engine.imports.ContactCsvExport;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.segment.InvalidSegmentException;
import dev.cairn.engine.segment.SegmentDefinition;
import dev.cairn.engine.segment.SegmentMember;
import dev.cairn.engine.segment.SegmentRefresh;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.Segments;
import dev.cairn.ui.security.ConsoleChanges;
import jakarta.annotation.security.RolesAllowed;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The segment builder: conditions in and/or groups, the number of contacts matching right now
 * (updated as you click), who they are, and saving.
 */
@Route("segments/:id")
@PageTitle("Segment · Cairn")
@RolesAllowed({"ADMIN", "MARKETER"})
public class SegmentView extends VerticalLayout implements BeforeEnterObserver {

  private static final String NEW = "new";
  private static final int PREVIEW = 20;

  private final Segments segments;
  private final ContactLists lists;
  private final SegmentRefresh refresh;
  private final ContactCsvExport export;
  private final ConsoleChanges changes;
  private final VerticalLayout exportSlot = new VerticalLayout();
  private final H2 title = new H2();
  private final TextField name = new TextField("Name");
  private final TextField description = new TextField("Who is in it (for your team)");
  private final Span count = new Span();
  private final Grid<SegmentMember> matching = new Grid<>();
  private final Grid<SegmentMember> members = new Grid<>();
  private final H3 membersTitle = new H3();
  private final VerticalLayout editorSlot = new VerticalLayout();
  private @Nullable GroupEditor editor;
  private @Nullable String segmentId;

  public SegmentView(
      Segments segments,
      ContactLists lists,
      SegmentRefresh refresh,
      ContactCsvExport export,
      ConsoleChanges changes) {
    this.changes = changes;
    this.segments = segments;
    this.lists = lists;
    this.refresh = refresh;
    this.export = export;
    setWidthFull();
    name.setWidth("24rem");
    description.setWidth("36rem");
    editorSlot.setPadding(false);
    count.setId("segment-count");
    count.getStyle().set("font-size", "var(--lumo-font-size-l)").set("font-weight", "600");
    configure(matching);
    configure(members);

    Button save = new Button("Save", click -> save());
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button refreshNow = new Button("Recount members now", click -> refreshNow());
    Button delete = new Button("Delete segment", click -> delete());
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout actions = new HorizontalLayout(save, refreshNow, delete);
    refreshNow.setVisible(false);
    delete.setVisible(false);
    addAttachListener(
        attach -> {
          refreshNow.setVisible(segmentId != null);
          delete.setVisible(segmentId != null);
        });

    HorizontalLayout details = new HorizontalLayout(name, description);
    details.setAlignItems(FlexComponent.Alignment.BASELINE);
    exportSlot.setPadding(false);
    add(
        title,
        details,
        new H3("Conditions"),
        editorSlot,
        count,
        actions,
        new H3("Matching now"),
        matching,
        membersTitle,
        exportSlot,
        members);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String id = event.getRouteParameters().get("id").orElseThrow(NotFoundException::new);
    SegmentRule rule;
    if (NEW.equals(id)) {
      segmentId = null;
      title.setText("New segment");
      rule = new SegmentRule.All(List.of());
    } else {
      SegmentDefinition segment =
          segments.find(id).orElseThrow(() -> new NotFoundException("No segment " + id));
      segmentId = segment.id();
      title.setText(segment.name());
      name.setValue(segment.name());
      description.setValue(segment.description() == null ? "" : segment.description());
      rule = segment.rule();
    }
    GroupEditor root =
        new GroupEditor(BuilderChoices.of(segments, lists, id), this::ruleChanged, null);
    root.show(rule);
    editor = root;
    editorSlot.removeAll();
    editorSlot.add(root);
    exportSlot.removeAll();
    if (segmentId != null) {
      Anchor download =
          new Anchor(
              ContactsCsv.download(changes, export, segmentId, segmentId + ".csv"),
              "Export members (CSV)");
      download.getElement().setAttribute("download", true);
      exportSlot.add(download);
    }
    membersTitle.setVisible(segmentId != null);
    members.setVisible(segmentId != null);
    showMembers();
    ruleChanged();
  }

  /** Counts and lists who matches the rule as it stands; says what to fix when it cannot. */
  private void ruleChanged() {
    if (editor == null) {
      return;
    }
    SegmentRule rule = editor.rule();
    try {
      long matches = segments.count(rule);
      count.setText(
          NumberFormat.getIntegerInstance(Locale.US).format(matches)
              + (matches == 1 ? " contact matches" : " contacts match")
              + " now");
      count.getStyle().remove("color");
      matching.setItems(segments.preview(rule, PREVIEW));
    } catch (InvalidSegmentException e) {
      count.setText(e.getMessage());
      count.getStyle().set("color", "var(--lumo-error-text-color)");
      matching.setItems(List.of());
    }
  }

  private void save() {
    if (editor == null) {
      return;
    }
    try {
      SegmentDefinition saved =
          segments.save(segmentId, name.getValue(), description.getValue(), editor.rule());
      refresh.refresh(saved.id());
      Notification.show("Saved \"" + saved.name() + "\".");
      getUI()
          .ifPresent(ui -> ui.navigate(SegmentView.class, new RouteParameters("id", saved.id())));
    } catch (InvalidSegmentException e) {
      Notification failed = Notification.show("Not saved: " + e.getMessage());
      failed.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private void refreshNow() {
    if (segmentId == null) {
      return;
    }
    SegmentRefresh.Changes changes = refresh.refresh(segmentId);
    Notification.show(changes.entered() + " entered, " + changes.left() + " left.");
    showMembers();
  }

  private void delete() {
    if (segmentId == null) {
      return;
    }
    try {
      segments.delete(segmentId);
      Notification.show("Deleted.");
      getUI().ifPresent(ui -> ui.navigate(SegmentsView.class));
    } catch (InvalidSegmentException e) {
      Notification failed = Notification.show(e.getMessage());
      failed.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private void showMembers() {
    String id = segmentId;
    if (id == null) {
      return;
    }
    segments
        .find(id)
        .ifPresent(
            segment ->
                membersTitle.setText(
                    "Members ("
                        + segment.summary().memberCount()
                        + ", counted "
                        + (segment.summary().refreshedAt() == null
                            ? "not yet"
                            : Formats.ago(segment.summary().refreshedAt()))
                        + ")"));
    members.setItems(query -> segments.members(id, query.getOffset(), query.getLimit()).stream());
  }

  private void configure(Grid<SegmentMember> grid) {
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.addColumn(SegmentMember::name).setHeader("Name");
    grid.addColumn(m -> m.email() == null ? "" : m.email()).setHeader("Email").setFlexGrow(2);
    grid.addColumn(m -> m.externalId() == null ? "" : m.externalId()).setHeader("User id");
    grid.addItemClickListener(
        click ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            ContactView.class,
                            new RouteParameters("id", click.getItem().contactId().toString()))));
    grid.setHeight("320px");
  }
}
