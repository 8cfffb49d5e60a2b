package dev.cairn.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
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
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageView;
import dev.cairn.channels.preference.Preferences;
import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.duplicate.DuplicateMerges;
import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.journey.JourneyDetail;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyPosition;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListMembership;
import dev.cairn.engine.privacy.ContactErasure;
import dev.cairn.engine.privacy.ContactExport;
import dev.cairn.engine.segment.Segments;
import dev.cairn.ui.security.ConsoleChanges;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * One contact: who they are, where they are in each journey, and everything that happened to them.
 */
@Route("contacts/:id")
@PageTitle("Contact · Cairn")
@PermitAll
public class ContactView extends VerticalLayout implements BeforeEnterObserver {

  private static final int EVENTS_SHOWN = 200;

  /**
   * One line of the timeline: an event the contact sent, a message Cairn sent, a step they took.
   */
  record TimelineEntry(Instant at, String kind, String what, String detail) {}

  /** A journey the contact is or was in, with node names instead of element ids. */
  record PositionRow(
      String journey, int version, String where, Instant startedAt, boolean active) {}

  private final Contacts contacts;
  private final EventFeed events;
  private final JourneyTracking tracking;
  private final Journeys journeys;
  private final Deliveries deliveries;
  private final ContactExport export;
  private final ContactErasure erasure;
  private final JsonMapper json;
  private final Segments segments;
  private final Consents consents;
  private final Preferences preferences;
  private final AuthenticationContext authentication;
  private final ContactLists lists;
  private final DuplicateMerges merges;
  private final ConsoleChanges changes;

  public ContactView(
      Contacts contacts,
      EventFeed events,
      JourneyTracking tracking,
      Journeys journeys,
      Deliveries deliveries,
      ContactExport export,
      ContactErasure erasure,
      JsonMapper json,
      Segments segments,
      Consents consents,
      AuthenticationContext authentication,
      ContactLists lists,
      DuplicateMerges merges,
      Preferences preferences,
      ConsoleChanges changes) {
    this.contacts = contacts;
    this.events = events;
    this.tracking = tracking;
    this.journeys = journeys;
    this.deliveries = deliveries;
    this.export = export;
    this.erasure = erasure;
    this.json = json;
    this.segments = segments;
    this.consents = consents;
    this.authentication = authentication;
    this.lists = lists;
    this.merges = merges;
    this.preferences = preferences;
    this.changes = changes;
    setWidthFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String id = event.getRouteParameters().get("id").orElseThrow(NotFoundException::new);
    ContactId contactId = parse(id).orElseThrow(() -> new NotFoundException("No contact " + id));
    ContactProfile contact =
        contacts.find(contactId).orElseThrow(() -> new NotFoundException("No contact " + id));
    if (!contact.id().equals(contactId)) {
      // A merged-away contact's page (bookmarked, linked from an old email) leads to the one it
      // became.
      event.forwardTo(
          ContactView.class,
          new RouteParameters("id", contact.id().toString()),
          QueryParameters.of("merged", contactId.toString()));
      return;
    }
    removeAll();
    mergedHere(event, contactId).ifPresent(this::add);
    Map<String, Optional<JourneyDetail>> journeyCache = new HashMap<>();
    add(new H2(contact.displayName()), customer(contactId), profile(contact));
    // Managers read a contact; they neither change nor export one.
    if (changes.allowed()) {
      add(privacyActions(contact));
    }
    add(new H3("Consent"), consent(contactId), topics(contactId));
    add(new H3("Tags"), tags(contactId));
    add(new H3("Lists"), lists(contactId));
    List<String> memberOf = segments.segmentsOf(contactId);
    add(
        new H3("Segments"),
        new Span(
            memberOf.isEmpty()
                ? "In no segment (as of the last count)."
                : String.join(", ", memberOf)));
    add(new H3("Journeys"), positions(tracking.positions(contactId), journeyCache));
    add(new H3("Timeline"), timeline(contactId, journeyCache));
  }

  /** Says so when the marketer came here by the id of a contact since merged into this one. */
  private Optional<Span> mergedHere(BeforeEnterEvent event, ContactId here) {
    return event
        .getLocation()
        .getQueryParameters()
        .getSingleParameter("merged")
        .flatMap(ContactView::parse)
        .filter(merged -> contacts.survivorOf(merged).filter(here::equals).isPresent())
        .map(
            merged -> {
              Span note =
                  new Span(
                      "Contact "
                          + merged
                          + " was merged into this one; its page and id lead here.");
              note.setId("merged-note");
              note.getStyle().set("color", "var(--lumo-secondary-text-color)");
              return note;
            });
  }

  /** The contact's tags as removable chips, and a field to add one. */
  private HorizontalLayout tags(ContactId contactId) {
    HorizontalLayout row = new HorizontalLayout();
    row.setAlignItems(FlexComponent.Alignment.BASELINE);
    row.getStyle().set("flex-wrap", "wrap");
    for (String tag : contacts.tags(contactId)) {
      Button chip =
          new Button(
              tag + " ×",
              click -> {
                changes.make(() -> contacts.untag(contactId, tag));
                getUI().ifPresent(ui -> ui.getPage().reload());
              });
      chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
      chip.getElement().setAttribute("title", "Remove tag " + tag);
      chip.setEnabled(changes.allowed());
      row.add(chip);
    }
    if (!changes.allowed()) {
      return row;
    }
    TextField tag = new TextField();
    tag.setPlaceholder("add a tag");
    tag.setWidth("10rem");
    Button add =
        new Button(
            "Add",
            click -> {
              try {
                changes.make(() -> contacts.tag(contactId, tag.getValue()));
                getUI().ifPresent(ui -> ui.getPage().reload());
              } catch (IllegalArgumentException e) {
                tag.setInvalid(true);
                tag.setErrorMessage(e.getMessage());
              }
            });
    add.addThemeVariants(ButtonVariant.LUMO_SMALL);
    row.add(tag, add);
    return row;
  }

  /** The lists the contact is on, each removable, and a picker to put them on another. */
  private HorizontalLayout lists(ContactId contactId) {
    HorizontalLayout row = new HorizontalLayout();
    row.setId("contact-lists");
    row.setAlignItems(FlexComponent.Alignment.BASELINE);
    row.getStyle().set("flex-wrap", "wrap");
    List<ListMembership> memberships = lists.listsOf(contactId);
    if (memberships.isEmpty()) {
      row.add(new Span("On no list."));
    }
    for (ListMembership membership : memberships) {
      Button chip =
          new Button(
              membership.listName() + " ×",
              click -> {
                changes.make(
                    () ->
                        lists.remove(
                            membership.listId(),
                            contactId,
                            "console: " + authentication.getPrincipalName().orElse("console")));
                getUI().ifPresent(ui -> ui.getPage().reload());
              });
      chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
      chip.getElement()
          .setAttribute(
              "title",
              "Remove from "
                  + membership.listName()
                  + " (added "
                  + Formats.ago(membership.addedAt())
                  + ", "
                  + membership.source()
                  + ")");
      chip.setEnabled(changes.allowed());
      row.add(chip);
    }
    if (!changes.allowed()) {
      return row;
    }
    List<String> on = memberships.stream().map(ListMembership::listId).toList();
    List<ContactList> others =
        lists.lists().stream().filter(list -> !on.contains(list.id())).toList();
    if (!others.isEmpty()) {
      ComboBox<ContactList> pick = new ComboBox<>();
      pick.setItems(others);
      pick.setItemLabelGenerator(ContactList::name);
      pick.setPlaceholder("add to a list");
      pick.setId("add-to-list");
      // Not just "Add": the tags above have a button of that name, and a reader must tell them
      // apart.
      Button add =
          new Button(
              "Add to list",
              click -> {
                if (pick.getValue() != null) {
                  String listId = pick.getValue().id();
                  changes.make(
                      () ->
                          lists.add(
                              listId,
                              contactId,
                              "console: " + authentication.getPrincipalName().orElse("console")));
                  getUI().ifPresent(ui -> ui.getPage().reload());
                }
              });
      add.addThemeVariants(ButtonVariant.LUMO_SMALL);
      add.setId("add-to-list-button");
      row.add(pick, add);
    }
    return row;
  }

  /**
   * Per channel: the status, its source and time, and a button to change it (recorded as the
   * console's doing).
   */
  private VerticalLayout consent(ContactId contactId) {
    VerticalLayout section = new VerticalLayout();
    section.setPadding(false);
    section.setSpacing(false);
    Map<ConsentChannel, Consent> current = consents.of(contactId);
    String user = authentication.getPrincipalName().orElse("console");
    for (ConsentChannel channel : ConsentChannel.values()) {
      Consent consent = current.get(channel);
      String label = channel == ConsentChannel.EMAIL ? "Email" : "SMS";
      Span state =
          new Span(
              label
                  + ": "
                  + (consent == null
                      ? "not asked"
                          + (consents.allows(contactId, channel)
                              ? " (may be sent to)"
                              : " (will not be sent to)")
                      : consent.status().name().toLowerCase(java.util.Locale.ROOT)
                          + " · "
                          + consent.source()
                          + " · "
                          + Formats.timestamp(consent.changedAt())));
      ConsentStatus next =
          consent != null && consent.status() == ConsentStatus.SUBSCRIBED
              ? ConsentStatus.UNSUBSCRIBED
              : ConsentStatus.SUBSCRIBED;
      Button change =
          new Button(
              next == ConsentStatus.SUBSCRIBED ? "Subscribe" : "Unsubscribe",
              click -> {
                changes.make(() -> consents.record(contactId, channel, next, "console: " + user));
                Notification.show(
                    label + " consent: " + next.name().toLowerCase(java.util.Locale.ROOT) + ".");
                getUI().ifPresent(ui -> ui.getPage().reload());
              });
      change.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
      change.getElement().setAttribute("data-channel", channel.name());
      HorizontalLayout row = new HorizontalLayout(state);
      if (changes.allowed()) {
        row.add(change);
      }
      row.setAlignItems(FlexComponent.Alignment.BASELINE);
      section.add(row);
    }
    return section;
  }

  /**
   * The email topics of the preference centre, and which of them the contact left, when and where.
   */
  private Span topics(ContactId contactId) {
    String choices =
        preferences.choicesOf(contactId).stream()
            .map(
                topic ->
                    topic.name()
                        + (topic.optOut() == null
                            ? ": receives"
                            : ": left · "
                                + topic.optOut().source()
                                + " · "
                                + Formats.timestamp(topic.optOut().at())))
            .collect(java.util.stream.Collectors.joining("; "));
    Span line = new Span("Email topics: " + choices);
    line.setId("contact-topics");
    return line;
  }

  /** Lifecycle stage, orders, revenue, RFM and engagement scores on one line. */
  private Span customer(ContactId contactId) {
    Span line =
        new Span(
            contacts
                .metrics(contactId)
                .map(
                    metrics ->
                        capitalised(metrics.lifecycleStage())
                            + " · "
                            + metrics.orderCount()
                            + (metrics.orderCount() == 1 ? " order" : " orders")
                            + " · "
                            + metrics.totalRevenue().toPlainString()
                            + " revenue"
                            + (metrics.rfm() == null ? "" : " · RFM " + metrics.rfm())
                            + " · engagement "
                            + metrics.engagementScore()
                            + "/100"
                            + (metrics.lastOrderAt() == null
                                ? ""
                                : " · last order " + Formats.ago(metrics.lastOrderAt())))
                .orElse(""));
    line.setId("contact-metrics");
    line.getStyle().set("color", "var(--lumo-secondary-text-color)");
    return line;
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * GDPR: a copy of everything Cairn keeps about the person, and erasure of all of it; and merging
   * a duplicate away.
   */
  private HorizontalLayout privacyActions(ContactProfile contact) {
    Anchor download =
        new Anchor(
            DownloadHandler.fromInputStream(
                event -> {
                  byte[] document =
                      json.writerWithDefaultPrettyPrinter()
                          .writeValueAsBytes(
                              changes.export(() -> export.export(contact.id()).orElseThrow()));
                  return new DownloadResponse(
                      new ByteArrayInputStream(document),
                      "contact-" + contact.id() + ".json",
                      "application/json",
                      document.length);
                }),
            "Download all data (JSON)");
    download.getElement().setAttribute("download", true);

    Button delete = new Button("Delete contact…", click -> confirmErasure(contact));
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    Button merge =
        new Button(
            "Merge into another contact…",
            click ->
                MergeDialog.intoAnother(
                        merges,
                        contacts,
                        contact,
                        authentication.getPrincipalName().orElse("console"),
                        survivor ->
                            getUI()
                                .ifPresent(
                                    ui ->
                                        ui.navigate(
                                            ContactView.class,
                                            new RouteParameters("id", survivor.toString()))))
                    .open());
    merge.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    merge.addClassName("contact-merge");
    HorizontalLayout actions = new HorizontalLayout(download, merge, delete);
    actions.setAlignItems(FlexComponent.Alignment.BASELINE);
    return actions;
  }

  private void confirmErasure(ContactProfile contact) {
    ConfirmDialog dialog = new ConfirmDialog();
    dialog.setHeader("Delete " + contact.displayName() + "?");
    dialog.setText(
        "This deletes the contact with every event, message and journey step Cairn keeps about them, and stops the"
            + " journeys they are in. It cannot be undone.");
    dialog.setCancelable(true);
    dialog.setConfirmText("Delete everything");
    dialog.setConfirmButtonTheme("error primary");
    dialog.addConfirmListener(confirmed -> erase(contact));
    dialog.open();
  }

  private void erase(ContactProfile contact) {
    try {
      changes
          .make(() -> erasure.erase(contact.id()))
          .ifPresentOrElse(
              erased ->
                  Notification.show(
                      contact.displayName()
                          + " was deleted: "
                          + erased.events()
                          + " events, "
                          + erased.messages()
                          + " messages, "
                          + erased.journeysStopped()
                          + " journeys stopped."),
              () -> Notification.show(contact.displayName() + " was already deleted."));
      getUI().ifPresent(ui -> ui.navigate(ContactsView.class));
    } catch (RuntimeException e) {
      Notification failed =
          Notification.show(
              "Could not stop "
                  + contact.displayName()
                  + "'s journeys ("
                  + e.getMessage()
                  + "). Nothing was deleted; try again in a minute.");
      failed.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private static Optional<ContactId> parse(String id) {
    try {
      return Optional.of(ContactId.parse(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Div profile(ContactProfile contact) {
    Div facts = new Div();
    facts
        .getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "max-content 1fr")
        .set("gap", "4px 16px");
    fact(facts, "Email", contact.email());
    fact(facts, "Phone", contact.phone());
    fact(facts, "User id", contact.externalId());
    fact(facts, "Anonymous id", contact.anonymousId());
    fact(facts, "First seen", Formats.timestamp(contact.createdAt()));
    fact(facts, "Last seen", Formats.timestamp(contact.lastSeenAt()));
    contact.traits().forEach((name, value) -> fact(facts, name, String.valueOf(value)));
    return facts;
  }

  private static void fact(
      Div facts, String label, @org.jspecify.annotations.Nullable String value) {
    Span name = new Span(label);
    name.getStyle().set("color", "var(--lumo-secondary-text-color)");
    facts.add(name, new Span(value == null || value.isEmpty() ? "—" : value));
  }

  private Grid<PositionRow> positions(
      List<JourneyPosition> positions, Map<String, Optional<JourneyDetail>> cache) {
    List<PositionRow> rows = new ArrayList<>();
    for (JourneyPosition position : positions) {
      Optional<JourneyDetail> journey = cache.computeIfAbsent(position.journeyId(), journeys::find);
      String where =
          position.active()
              ? position.currentElementIds().stream()
                  .map(element -> journey.map(j -> j.nameOf(element)).orElse(element))
                  .collect(Collectors.joining(", "))
              : "Finished " + Formats.timestamp(position.endedAt());
      String name = journey.map(j -> j.summary().name()).orElse(position.journeyId());
      rows.add(
          new PositionRow(
              name, position.version(), where, position.startedAt(), position.active()));
    }
    Grid<PositionRow> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.addColumn(PositionRow::journey).setHeader("Journey");
    grid.addColumn(row -> "v" + row.version()).setHeader("Version").setAutoWidth(true);
    grid.addColumn(PositionRow::where).setHeader("Where now").setFlexGrow(2);
    grid.addColumn(row -> Formats.timestamp(row.startedAt())).setHeader("Entered");
    grid.setItems(rows);
    grid.setAllRowsVisible(true);
    grid.setId("contact-positions");
    return grid;
  }

  private Grid<TimelineEntry> timeline(
      ContactId contact, Map<String, Optional<JourneyDetail>> cache) {
    List<TimelineEntry> entries = new ArrayList<>();
    for (StoredEvent event : events.history(contact, EVENTS_SHOWN)) {
      String what =
          event.name() != null
              ? event.name()
              : event.type().name().toLowerCase(java.util.Locale.ROOT);
      entries.add(
          new TimelineEntry(
              event.occurredAt(),
              "Event",
              what,
              event.properties().isEmpty() ? "" : event.properties().toString()));
    }
    for (MessageView message : deliveries.forContact(contact)) {
      String subject = message.subject() == null ? "" : message.subject();
      entries.add(
          new TimelineEntry(
              message.createdAt(),
              message.channel().name().charAt(0)
                  + message.channel().name().substring(1).toLowerCase(java.util.Locale.ROOT),
              subject,
              message.status().name() + " to " + message.recipient()));
    }
    for (ElementVisit visit : tracking.path(contact)) {
      Optional<JourneyDetail> journey = cache.computeIfAbsent(visit.journeyId(), journeys::find);
      String journeyName = journey.map(j -> j.summary().name()).orElse(visit.journeyId());
      String node = journey.map(j -> j.nameOf(visit.elementId())).orElse(visit.elementId());
      entries.add(
          new TimelineEntry(
              visit.enteredAt(),
              "Journey",
              node,
              journeyName + " v" + visit.version() + stateText(visit)));
    }
    entries.sort(Comparator.comparing(TimelineEntry::at).reversed());

    Grid<TimelineEntry> grid = new Grid<>();
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(entry -> Formats.timestamp(entry.at())).setHeader("When").setAutoWidth(true);
    grid.addColumn(TimelineEntry::kind).setHeader("Kind").setAutoWidth(true);
    grid.addColumn(TimelineEntry::what).setHeader("What").setFlexGrow(2);
    grid.addColumn(TimelineEntry::detail).setHeader("Detail").setFlexGrow(3);
    grid.setItems(entries);
    grid.setAllRowsVisible(true);
    grid.setId("contact-timeline");
    return grid;
  }

  private static String stateText(ElementVisit visit) {
    return switch (visit.state()) {
      case "ACTIVE" -> " · here now";
      case "TERMINATED" -> " · left early";
      case "MOVED" -> " · moved to a newer version";
      default -> "";
    };
  }
}
