package dev.cairn.ui.console;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.shared.Registration;
import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageView;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.JourneyDetail;
import dev.cairn.engine.journey.testrun.TestRun;
import dev.cairn.engine.journey.testrun.TestRunStart;
import dev.cairn.engine.journey.testrun.TestRuns;
import dev.cairn.engine.journey.track.ElementVisit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one contact through the journey as drawn now (a draft too) with every wait fast-forwarded,
 * and shows each step it takes and every message it would send; nothing is sent, and the contact's
 * real journeys are untouched.
 */
public class TestRunDialog extends Dialog {

  private static final int REFRESH_MILLIS = 1_000;

  private final JourneyDetail journey;
  private final @Nullable String draftXml;
  private final TestRuns testRuns;
  private final Contacts contacts;
  private final Deliveries deliveries;
  private final JsonMapper json;
  private final VerticalLayout body = new VerticalLayout();
  private final Span runStatus = new Span();
  private final Grid<ElementVisit> steps = new Grid<>();
  private final Grid<MessageView> messages = new Grid<>();
  private final MessagePreview preview = new MessagePreview();
  private final HorizontalLayout events = new HorizontalLayout();
  private @Nullable Long runId;
  private @Nullable Registration polling;
  private int pollIntervalBefore = -1;

  public TestRunDialog(
      JourneyDetail journey,
      TestRuns testRuns,
      Contacts contacts,
      Deliveries deliveries,
      JsonMapper json) {
    this(journey, null, testRuns, contacts, deliveries, json);
  }

  /**
   * A test run of a draft (the designer's, of a journey that runs already): {@code journey} names
   * the draft's elements; the published version is not touched.
   */
  public TestRunDialog(
      JourneyDetail journey,
      @Nullable String draftXml,
      TestRuns testRuns,
      Contacts contacts,
      Deliveries deliveries,
      JsonMapper json) {
    this.journey = journey;
    this.draftXml = draftXml;
    this.testRuns = testRuns;
    this.contacts = contacts;
    this.deliveries = deliveries;
    this.json = json;
    setHeaderTitle("Test run: " + journey.summary().name());
    setWidth("min(1100px, 95vw)");
    addClassName("test-run-dialog");
    body.setPadding(false);
    add(body);
    getFooter().add(new Button("Close", click -> close()));

    steps.addThemeVariants(GridVariant.LUMO_COMPACT);
    steps.addColumn(visit -> journey.nameOf(visit.elementId())).setHeader("Step").setFlexGrow(3);
    steps.addColumn(visit -> Formats.timeOfDay(visit.enteredAt())).setHeader("Entered");
    steps.addColumn(TestRunDialog::outcome).setHeader("Left");
    steps.setAllRowsVisible(true);
    steps.addClassName("test-run-steps");

    messages.addThemeVariants(GridVariant.LUMO_COMPACT);
    messages
        .addColumn(message -> journey.nameOf(message.elementId()))
        .setHeader("Step")
        .setFlexGrow(2);
    messages
        .addColumn(message -> message.channel().name().toLowerCase(java.util.Locale.ROOT))
        .setHeader("Channel");
    messages.addColumn(message -> message.recipient()).setHeader("To").setFlexGrow(2);
    messages
        .addColumn(message -> message.subject() == null ? message.bodyText() : message.subject())
        .setHeader("Subject / text")
        .setFlexGrow(3);
    messages.addColumn(TestRunDialog::messageOutcome).setHeader("Would").setFlexGrow(2);
    messages.setAllRowsVisible(true);
    messages.addClassName("test-run-messages");
    messages.addItemClickListener(click -> preview.show(click.getItem()));

    showSetup();
  }

  /** Choose who to test with and what the trigger event carried. */
  private void showSetup() {
    ComboBox<ContactSummary> contact = new ComboBox<>("Test contact");
    contact.setItems(
        query ->
            contacts
                .search(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
    contact.setItemLabelGenerator(TestRunDialog::label);
    contact.setPlaceholder("Search name, email or user id");
    contact.setWidth("28rem");
    contact.addClassName("test-run-contact");
    String trigger = journey.summary().triggerEvent();
    TextArea properties =
        new TextArea(
            "Properties of the "
                + (trigger == null ? "entry" : "\"" + trigger + "\"")
                + " event (JSON)");
    properties.setValue("{}");
    properties.setWidthFull();
    properties.addClassName("test-run-properties");
    UnorderedList problems = new UnorderedList();
    problems.addClassName("test-run-problems");
    problems.getStyle().set("color", "var(--lumo-error-text-color)");
    Button start =
        new Button(
            "Start test run",
            click -> {
              problems.removeAll();
              Optional<Map<String, Object>> given = parse(properties.getValue(), problems);
              if (contact.getValue() == null) {
                problems.add(new ListItem("Pick the contact to test with."));
              }
              if (contact.getValue() != null && given.isPresent()) {
                start(contact.getValue(), given.get(), problems);
              }
            });
    start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    start.addClassName("test-run-start");
    body.removeAll();
    body.add(
        new Paragraph(
            "The contact goes through the journey as it is drawn now, with every wait cut to a few seconds. Messages are"
                + " rendered for the contact and shown here, never sent; the contact's real journeys are not touched."),
        contact,
        properties,
        problems,
        start);
  }

  private Optional<Map<String, Object>> parse(String text, UnorderedList problems) {
    if (text.isBlank()) {
      return Optional.of(Map.of());
    }
    try {
      Object value = json.readValue(text, Object.class);
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> properties = new LinkedHashMap<>();
        map.forEach((key, v) -> properties.put(String.valueOf(key), v));
        return Optional.of(properties);
      }
      problems.add(new ListItem("The properties must be a JSON object, like {\"plan\": \"Pro\"}."));
    } catch (JacksonException e) {
      problems.add(
          new ListItem("The properties are not valid JSON: " + e.getOriginalMessage() + "."));
    }
    return Optional.empty();
  }

  private void start(
      ContactSummary contact, Map<String, Object> properties, UnorderedList problems) {
    var signedIn = SecurityContextHolder.getContext().getAuthentication();
    String user = signedIn == null ? "console" : signedIn.getName();
    switch (testRuns.start(journey.summary().id(), draftXml, contact.id(), properties, user)) {
      case TestRunStart.Rejected rejected ->
          rejected
              .problems()
              .forEach(
                  problem ->
                      problems.add(
                          new ListItem(
                              (problem.elementId() == null
                                      ? ""
                                      : journey.nameOf(problem.elementId()) + ": ")
                                  + problem.message())));
      case TestRunStart.Started started -> showRun(started.runId(), contact);
    }
  }

  private void showRun(long id, ContactSummary contact) {
    runId = id;
    preview.show(null);
    runStatus.addClassName("test-run-status");
    events.addClassName("test-run-events");
    Button again = new Button("New test run", click -> showSetupAgain());
    again.addThemeVariants(ButtonVariant.LUMO_SMALL);
    HorizontalLayout heading =
        new HorizontalLayout(new Span("Testing with " + label(contact) + " · "), runStatus, again);
    heading.setAlignItems(HorizontalLayout.Alignment.BASELINE);
    VerticalLayout left =
        new VerticalLayout(
            new H4("Steps taken"), steps, events, new H4("Messages it would send"), messages);
    left.setPadding(false);
    VerticalLayout right = new VerticalLayout(new H4("Message"), preview);
    right.setPadding(false);
    HorizontalLayout columns = new HorizontalLayout(left, right);
    columns.setWidthFull();
    columns.setFlexGrow(3, left);
    columns.setFlexGrow(2, right);
    body.removeAll();
    body.add(heading, columns);
    refresh();
  }

  private void showSetupAgain() {
    runId = null;
    events.removeAll();
    steps.setItems(List.of());
    messages.setItems(List.of());
    showSetup();
  }

  private void refresh() {
    Long id = runId;
    if (id == null) {
      return;
    }
    Optional<TestRun> found = testRuns.find(id);
    if (found.isEmpty()) {
      return;
    }
    TestRun run = found.get();
    runStatus.setText(
        run.running()
            ? "running, started " + Formats.ago(run.startedAt())
            : "finished " + Formats.ago(run.endedAt()));
    steps.setItems(run.steps());
    messages.setItems(deliveries.forJourneyInstance(run.processInstanceKey()));
    events.removeAll();
    if (run.running()) {
      for (String event : run.awaitedEvents().stream().sorted().toList()) {
        Button send =
            new Button(
                "Send \"" + event + "\"",
                click -> {
                  testRuns.sendEvent(id, event, Map.of());
                  refresh();
                });
        send.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        events.add(send);
      }
      if (!run.awaitedEvents().isEmpty()) {
        events.addComponentAsFirst(new Span("As the contact: "));
      }
    }
  }

  private static String outcome(ElementVisit visit) {
    if (visit.leftAt() == null) {
      return "here now";
    }
    return switch (visit.state()) {
      case "TERMINATED" -> "left early " + Formats.timeOfDay(visit.leftAt());
      default -> Formats.timeOfDay(visit.leftAt());
    };
  }

  private static String messageOutcome(MessageView message) {
    return switch (message.status()) {
      case TEST -> "send";
      case SKIPPED -> "skip: " + message.error();
      case PENDING -> "render…";
      default -> message.status().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String label(ContactSummary contact) {
    String who = contact.name().isBlank() ? "" : contact.name() + " ";
    String address =
        contact.email() != null
            ? contact.email()
            : contact.externalId() != null ? contact.externalId() : contact.id().toString();
    return who.isEmpty() ? address : who + "(" + address + ")";
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    UI ui = event.getUI();
    pollIntervalBefore = ui.getPollInterval();
    ui.setPollInterval(REFRESH_MILLIS);
    polling = ui.addPollListener(poll -> refresh());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    super.onDetach(event);
    event.getUI().setPollInterval(pollIntervalBefore);
    if (polling != null) {
      polling.remove();
      polling = null;
    }
  }
}
