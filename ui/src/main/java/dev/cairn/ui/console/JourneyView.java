package dev.cairn.ui.console;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
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
import com.vaadin.flow.shared.Registration;
import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageStepStats;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.decision.SplitResults;
import dev.cairn.engine.journey.JourneyDetail;
import dev.cairn.engine.journey.JourneyStatus;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.draft.JourneyDrafts;
import dev.cairn.engine.journey.run.JourneyMigration;
import dev.cairn.engine.journey.run.JourneyStop;
import dev.cairn.engine.journey.testrun.TestRuns;
import dev.cairn.engine.journey.track.ContactAtNode;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.journey.track.NodeCount;
import dev.cairn.ui.security.ConsoleChanges;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One journey as drawn, with how many contacts sit at each node (refreshed every few seconds), the
 * same numbers as a table, and who is at the node the user clicks.
 */
@Route("journeys/:id")
@PageTitle("Journey · Cairn")
@PermitAll
public class JourneyView extends VerticalLayout implements BeforeEnterObserver {

  private static final int REFRESH_MILLIS = 5_000;
  private static final int CONTACTS_SHOWN = 200;

  /** A move's progress reaches the browser at most this often. */
  private static final long PROGRESS_NANOS = 250_000_000L;

  private final Journeys journeys;
  private final JourneyTracking tracking;
  private final JourneyStop stopper;
  private final TestRuns testRuns;
  private final Contacts contactDirectory;
  private final Deliveries deliveries;
  private final JsonMapper json;
  private final JourneyMigration migration;
  private final SplitResults splits;
  private final JourneyDrafts drafts;
  private final HorizontalLayout files = new HorizontalLayout();
  private final HorizontalLayout controls = new HorizontalLayout();
  private final BpmnViewer diagram = new BpmnViewer();
  private final H2 title = new H2();
  private final Span status = new Span();
  private final Grid<NodeCount> nodes = new Grid<>();
  private final Grid<MessageStepStats> messages = new Grid<>();
  private final Grid<SplitResults.Variant> splitVariants = new Grid<>();
  private final VerticalLayout splitSection = new VerticalLayout();
  private final H3 whoTitle = new H3("Who is here");
  private final Grid<ContactAtNode> contacts = new Grid<>();
  private @Nullable JourneyDetail journey;
  private @Nullable String selectedNode;
  private @Nullable Registration polling;
  private JourneyStatus shownStatus = JourneyStatus.DRAFT;

  /** How far a move of this journey's contacts is, while one is under way. */
  private final Span moving = new Span();

  /** Whether this page started the move under way; it then hears of its end directly. */
  private boolean movingFromHere;

  private final ConsoleChanges changes;

  public JourneyView(
      Journeys journeys,
      JourneyTracking tracking,
      JourneyStop stopper,
      TestRuns testRuns,
      Contacts contactDirectory,
      Deliveries deliveries,
      JsonMapper json,
      JourneyMigration migration,
      SplitResults splits,
      JourneyDrafts drafts,
      ConsoleChanges changes) {
    this.changes = changes;
    this.journeys = journeys;
    this.tracking = tracking;
    this.stopper = stopper;
    this.testRuns = testRuns;
    this.contactDirectory = contactDirectory;
    this.deliveries = deliveries;
    this.json = json;
    this.migration = migration;
    this.splits = splits;
    this.drafts = drafts;
    setSizeFull();
    moving.addClassName("journey-moving");
    moving.getElement().getThemeList().add("badge");

    diagram.setWidthFull();
    diagram.setHeight("max(380px, 52vh)");
    diagram
        .getStyle()
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-l)");
    diagram.addNodeClickListener(click -> selectNode(click.elementId()));

    nodes.addThemeVariants(GridVariant.LUMO_COMPACT);
    nodes.addColumn(count -> nameOf(count.elementId())).setHeader("Node").setFlexGrow(3);
    nodes.addColumn(NodeCount::now).setHeader("Here now");
    nodes.addColumn(NodeCount::passed).setHeader("Passed");
    nodes.addColumn(NodeCount::dropped).setHeader("Left early");
    nodes.addItemClickListener(click -> selectNode(click.getItem().elementId()));
    nodes.setAllRowsVisible(true);

    contacts.addThemeVariants(GridVariant.LUMO_COMPACT);
    contacts.addColumn(ContactAtNode::name).setHeader("Name");
    contacts.addColumn(c -> c.email() == null ? "" : c.email()).setHeader("Email").setFlexGrow(2);
    contacts.addColumn(c -> c.externalId() == null ? "" : c.externalId()).setHeader("User id");
    contacts.addColumn(c -> Formats.ago(c.since())).setHeader("Here since");
    contacts.addItemClickListener(
        click ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            ContactView.class,
                            new RouteParameters("id", click.getItem().contactId().toString()))));
    contacts.setAllRowsVisible(true);

    messages.addThemeVariants(GridVariant.LUMO_COMPACT);
    messages.addColumn(stats -> nameOf(stats.elementId())).setHeader("Step").setFlexGrow(3);
    messages
        .addColumn(stats -> stats.channel() == Channel.SMS ? "SMS" : "Email")
        .setHeader("Channel");
    messages.addColumn(MessageStepStats::sent).setHeader("Sent");
    // Only texts get delivery reports, and only emails can be seen opened, bounce or be reported as
    // spam.
    messages.addColumn(stats -> only(Channel.SMS, stats, stats.delivered())).setHeader("Delivered");
    messages.addColumn(stats -> only(Channel.EMAIL, stats, stats.opened())).setHeader("Opened");
    messages.addColumn(stats -> percent(stats, stats.clicked())).setHeader("Clicked");
    messages.addColumn(stats -> only(Channel.EMAIL, stats, stats.bounced())).setHeader("Bounced");
    messages
        .addColumn(stats -> only(Channel.EMAIL, stats, stats.unsubscribed()))
        .setHeader("Unsubscribed");
    messages
        .addColumn(
            stats -> stats.channel() == Channel.EMAIL ? String.valueOf(stats.complained()) : "–")
        .setHeader("Spam reports");
    messages.addColumn(stats -> percent(stats, stats.failed())).setHeader("Failed");
    messages.setAllRowsVisible(true);
    messages.addClassName("journey-message-stats");
    VerticalLayout counts = new VerticalLayout(new H3("Contacts per node"), nodes);
    counts.setPadding(false);
    VerticalLayout who =
        new VerticalLayout(
            whoTitle, new Paragraph("Click a node on the diagram or in the table."), contacts);
    who.setPadding(false);
    HorizontalLayout below = new HorizontalLayout(counts, who);
    below.setWidthFull();
    below.setFlexGrow(1, counts, who);

    HorizontalLayout heading = new HorizontalLayout(title, status, controls);
    heading.setAlignItems(FlexComponent.Alignment.BASELINE);
    files.setAlignItems(FlexComponent.Alignment.CENTER);
    VerticalLayout messageSteps = new VerticalLayout(new H3("Messages"), messages);
    messageSteps.setPadding(false);
    splitVariants.addThemeVariants(GridVariant.LUMO_COMPACT);
    splitVariants.addColumn(SplitResults.Variant::splitName).setHeader("Split").setFlexGrow(2);
    splitVariants.addColumn(SplitResults.Variant::variant).setHeader("Variant").setFlexGrow(2);
    splitVariants.addColumn(variant -> variant.weight() + "%").setHeader("Weight");
    splitVariants.addColumn(SplitResults.Variant::contacts).setHeader("Contacts");
    splitVariants
        .addColumn(variant -> variant.successes() + " (" + variant.rate() + "%)")
        .setHeader("Successes");
    splitVariants.addColumn(SplitResults.Variant::metric).setHeader("Success means").setFlexGrow(2);
    splitVariants.setAllRowsVisible(true);
    splitVariants.addClassName("journey-split-results");
    splitSection.add(new H3("A/B splits"), splitVariants);
    splitSection.setPadding(false);
    splitSection.setVisible(false);
    add(heading, diagram, files, below, messageSteps, splitSection);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String id = event.getRouteParameters().get("id").orElseThrow(NotFoundException::new);
    JourneyDetail found =
        journeys.find(id).orElseThrow(() -> new NotFoundException("No journey " + id));
    journey = found;
    title.setText(found.summary().name());
    showStatus(found.summary().status());
    // The drawing as the marketer made it: the compiled diagram holds steps Cairn inserts, which
    // have no place on it.
    diagram.show(
        drafts
            .latestDrawing(id)
            .or(
                () ->
                    found.summary().unpublishedChanges() ? Optional.empty() : journeys.sourceOf(id))
            .orElse(found.diagramXml()));
    files.removeAll();
    Button design =
        new Button(
            "Open in the designer",
            VaadinIcon.EDIT.create(),
            click -> UI.getCurrent().navigate("journeys/" + id + "/design"));
    design.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    design.addClassName("journey-design");
    files.add(DiagramFiles.download(journeys, id));
    // Managers watch a journey; drawing and replacing it is for marketers.
    if (changes.allowed()) {
      files.addComponentAsFirst(design);
      files.add(
          DiagramFiles.upload(
              journeys, id, UI.getCurrent(), saved -> UI.getCurrent().getPage().reload()),
          new Span(
              "Or draw it in Camunda Modeler with Cairn's element templates (/element-templates/cairn.json)."));
    }
    refresh();
  }

  /** The status badge, and what can be done from it: pause, resume, stop. */
  private void showStatus(JourneyStatus current) {
    shownStatus = current;
    status.removeAll();
    status.add(JourneysView.statusBadge(current));
    controls.removeAll();
    JourneyDetail shown = journey;
    if (shown == null) {
      return;
    }
    if (shown.summary().unpublishedChanges()) {
      Span changed = new Span("Unpublished changes");
      changed.getElement().getThemeList().add("badge");
      changed.getElement().getThemeList().add("warning");
      changed.addClassName("journey-unpublished");
      status.add(changed);
    }
    String id = shown.summary().id();
    // Managers see the status; testing, publishing, pausing, stopping and moving are for marketers.
    if (!changes.allowed()) {
      return;
    }
    Button test =
        new Button(
            "Test run…",
            click -> new TestRunDialog(shown, testRuns, contactDirectory, deliveries, json).open());
    test.addThemeVariants(ButtonVariant.LUMO_SMALL);
    test.addClassName("journey-test-run");
    controls.add(test);
    if (current == JourneyStatus.DRAFT || current == JourneyStatus.STOPPED) {
      Button publish = new Button("Publish", click -> publish(id));
      publish.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
      controls.add(publish);
    }
    if (current == JourneyStatus.PUBLISHED || current == JourneyStatus.PAUSED) {
      boolean pause = current == JourneyStatus.PUBLISHED;
      Button toggle =
          new Button(
              pause ? "Pause" : "Resume",
              click -> {
                showStatus(changes.make(() -> journeys.setPaused(id, pause)));
                Notification.show(
                    pause
                        ? "Paused: no new contacts enter; those inside go on."
                        : "Running again.");
              });
      toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
      Button stop = new Button("Stop…", click -> confirmStop(id));
      stop.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
      controls.add(toggle, stop);
      if (shown.summary().unpublishedChanges()) {
        Button publish = new Button("Publish changes", click -> publish(id));
        publish.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        controls.addComponentAtIndex(0, publish);
      }
    }
    Optional<JourneyMigration.MoveProgress> underWay = migration.underWay(id);
    if (underWay.isPresent()) {
      showMoving(underWay.get());
      controls.add(moving);
      return;
    }
    migration
        .preview(id)
        .filter(preview -> preview.contacts() > 0)
        .ifPresent(
            preview -> {
              Button move =
                  new Button(
                      "Move "
                          + MoveContactsDialog.people(preview.contacts())
                          + " to v"
                          + preview.latestVersion()
                          + "…",
                      click ->
                          new MoveContactsDialog(
                                  shown, preview, () -> changes.make(() -> move(id, preview)))
                              .open());
              move.addThemeVariants(ButtonVariant.LUMO_SMALL);
              move.addClassName("journey-move-contacts");
              controls.add(move);
            });
  }

  /**
   * Moves the contacts in the background, so a journey with thousands of them neither holds up this
   * page nor needs it open: the page shows how far the move is, then how it went. Anyone else
   * opening the journey meanwhile sees the move under way too.
   */
  private void move(String id, JourneyMigration.Preview preview) {
    controls
        .getChildren()
        .filter(child -> child.hasClassName("journey-move-contacts"))
        .toList()
        .forEach(controls::remove);
    showMoving(new JourneyMigration.MoveProgress(0, preview.contacts()));
    controls.add(moving);
    movingFromHere = true;
    PushedUpdates live = new PushedUpdates(UI.getCurrent());
    Thread.ofVirtual()
        .name("cairn-move-" + id)
        .start(
            () -> {
              long[] lastShown = {0};
              try {
                JourneyMigration.Outcome outcome =
                    migration.moveToLatest(
                        id,
                        progress -> {
                          long now = System.nanoTime();
                          if (now - lastShown[0] >= PROGRESS_NANOS) {
                            lastShown[0] = now;
                            live.show(() -> showMoving(progress));
                          }
                        });
                live.show(() -> MoveContactsDialog.report(outcome).open());
              } catch (JourneyMigration.MoveUnderWayException e) {
                live.show(
                    () ->
                        Notification.show(e.getMessage())
                            .addThemeVariants(NotificationVariant.LUMO_WARNING));
              } catch (RuntimeException e) {
                live.show(
                    () ->
                        Notification.show(
                                "The move stopped: "
                                    + e.getMessage()
                                    + ". Contacts moved until then stay moved; move again for the others.")
                            .addThemeVariants(NotificationVariant.LUMO_ERROR));
              } finally {
                live.show(
                    () -> {
                      movingFromHere = false;
                      showStatus(shownStatus);
                      refresh();
                    });
              }
            });
  }

  private void showMoving(JourneyMigration.MoveProgress progress) {
    moving.setText("Moving contacts: " + progress.done() + " of " + progress.total() + " handled…");
  }

  /** Publishes, or lists every problem on the element it belongs to, in the diagram's own words. */
  private void publish(String id) {
    switch (changes.make(() -> journeys.publish(id))) {
      case PublishResult.Published published -> {
        Notification.show(
            "Published as version " + published.version() + ": contacts enter from now on.");
        getUI().ifPresent(ui -> ui.getPage().reload());
      }
      case PublishResult.Rejected rejected -> {
        JourneyDetail shown = journey;
        Dialog problems = new Dialog();
        problems.setHeaderTitle("Fix these first");
        UnorderedList list = new UnorderedList();
        rejected
            .problems()
            .forEach(
                problem ->
                    list.add(
                        new ListItem(
                            (problem.elementId() == null || shown == null
                                    ? ""
                                    : shown.nameOf(problem.elementId()) + ": ")
                                + problem.message())));
        problems.add(list);
        problems.getFooter().add(new Button("Close", click -> problems.close()));
        problems.open();
      }
      case PublishResult.NotFound notFound -> Notification.show("This journey no longer exists.");
    }
  }

  private void confirmStop(String id) {
    TextField reason = new TextField("Why? (kept with every contact taken out)");
    reason.setWidthFull();
    ConfirmDialog dialog = new ConfirmDialog();
    dialog.setHeader("Stop this journey?");
    dialog.add(
        new Paragraph(
            "No new contacts enter, and everyone inside is taken out now. Publishing it again starts it afresh."),
        reason);
    dialog.setCancelable(true);
    dialog.setConfirmText("Stop journey");
    dialog.setConfirmButtonTheme("error primary");
    dialog.setCloseOnEsc(true);
    dialog.addConfirmListener(
        confirmed -> {
          try {
            int out = changes.make(() -> stopper.stop(id, reason.getValue()));
            Notification.show(
                "Stopped; " + out + (out == 1 ? " contact" : " contacts") + " taken out.");
            showStatus(JourneyStatus.STOPPED);
            refresh();
          } catch (IllegalArgumentException e) {
            Notification failed = Notification.show(e.getMessage());
            failed.addThemeVariants(NotificationVariant.LUMO_ERROR);
          }
        });
    dialog.open();
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    ui.setPollInterval(REFRESH_MILLIS);
    polling = ui.addPollListener(poll -> refresh());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    event.getUI().setPollInterval(-1);
    if (polling != null) {
      polling.remove();
      polling = null;
    }
  }

  private void refresh() {
    JourneyDetail shown = journey;
    if (shown == null) {
      return;
    }
    if (moving.isAttached() && !movingFromHere) {
      migration
          .underWay(shown.summary().id())
          .ifPresentOrElse(this::showMoving, () -> showStatus(shownStatus));
    }
    List<NodeCount> counts = tracking.nodeCounts(shown.summary().id());
    diagram.setCounts(counts);
    nodes.setItems(counts);
    messages.setItems(deliveries.stepStats(shown.summary().id()));
    List<SplitResults.Variant> variants = splits.of(shown.summary().id());
    splitVariants.setItems(variants);
    splitSection.setVisible(!variants.isEmpty());
    showContactsAt(selectedNode);
  }

  private void selectNode(String elementId) {
    selectedNode = elementId;
    diagram.select(elementId);
    showContactsAt(elementId);
  }

  private void showContactsAt(@Nullable String elementId) {
    JourneyDetail shown = journey;
    if (shown == null || elementId == null) {
      contacts.setItems(List.of());
      whoTitle.setText("Who is here");
      return;
    }
    List<ContactAtNode> here = tracking.contactsAt(shown.summary().id(), elementId, CONTACTS_SHOWN);
    whoTitle.setText(
        "Who is at \""
            + shown.nameOf(elementId)
            + "\" ("
            + here.size()
            + (here.size() == CONTACTS_SHOWN ? "+" : "")
            + ")");
    contacts.setItems(here);
  }

  private static String percent(MessageStepStats stats, long part) {
    return stats.sent() == 0 ? "–" : stats.rate(part) + "% (" + part + ")";
  }

  private static String only(Channel channel, MessageStepStats stats, long part) {
    return stats.channel() == channel ? percent(stats, part) : "–";
  }

  private String nameOf(String elementId) {
    JourneyDetail shown = journey;
    return shown == null ? elementId : shown.nameOf(elementId);
  }
}
