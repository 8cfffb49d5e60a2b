package dev.cairn.engine.event;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProperties;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.TraitProblem;
import dev.cairn.engine.contact.Traits;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Records customer events: upserts the contact and appends the event, once per message id. */
@Service
public class EventIngestion {

  private final Contacts contacts;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private final ContactProperties contactProperties;
  private final Attributes attributes;

  EventIngestion(
      Contacts contacts,
      JdbcClient jdbc,
      JsonMapper json,
      ApplicationEventPublisher publisher,
      Clock clock,
      ContactProperties contactProperties,
      Attributes attributes) {
    this.contacts = contacts;
    this.attributes = attributes;
    this.contactProperties = contactProperties;
    this.jdbc = jdbc;
    this.json = json;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Stores the event; a repeated message id changes nothing and says so. An event whose trait does
   * not fit its declared attribute's type is not stored, so the contact never holds a value
   * segments would misread.
   */
  @Transactional
  public IngestResult ingest(IncomingEvent event) {
    if (isKnown(event.messageId())) {
      return new IngestResult.Duplicate(event.messageId());
    }
    Instant now = clock.instant();
    // Most events (page views, orders) carry no custom traits: those need no read of the declared
    // attributes.
    AttributeSchema schema =
        event.traits().custom().isEmpty() ? AttributeSchema.none() : attributes.schema();
    Traits.Checked traits;
    switch (checkedTraits(event, schema)) {
      case Checked.Refused refused -> {
        return refused.result();
      }
      case Checked.Fit fit -> traits = fit.traits();
    }
    ContactId contact =
        switch (event.type()) {
          case ALIAS ->
              contacts.alias(
                  Objects.requireNonNull(event.previousId()),
                  Objects.requireNonNull(event.identity().userId()),
                  event.occurredAt());
          case TRACK, IDENTIFY, PAGE, SCREEN, GROUP ->
              contacts.upsert(event.identity(), traits.traits(), event.occurredAt());
        };
    Optional<Long> id = append(event, contact, now);
    if (id.isEmpty()) {
      // A concurrent call with the same message id won the insert.
      return new IngestResult.Duplicate(event.messageId());
    }
    if (event.type() == EventType.TRACK && contactProperties.purchaseEvent().equals(event.name())) {
      contacts.recordOrder(contact, revenue(event.properties()), event.occurredAt());
    }
    publisher.publishEvent(new EventRecorded(id.get(), contact));
    return new IngestResult.Accepted(id.get(), contact, traits.problems());
  }

  /**
   * Stores many calls (an API batch) with the outcome {@link #ingest} gives each in turn, in a
   * handful of statements for all of them: one to find the message ids already stored, a few for
   * the contacts ({@link Contacts#upsertAll}), one to append the events. Calls that must go one by
   * one (an alias, a sign-in that merges two contacts) make the whole batch go through {@link
   * #ingest} in order.
   */
  @Transactional
  public List<IngestResult> ingestAll(List<IncomingEvent> events) {
    if (events.stream().anyMatch(event -> event.type() == EventType.ALIAS)) {
      return oneByOne(events);
    }
    Instant now = clock.instant();
    IngestResult[] results = new IngestResult[events.size()];
    Set<String> stored = knownMessageIds(events);
    Set<String> seen = new HashSet<>();
    AttributeSchema schema =
        events.stream().allMatch(event -> event.traits().custom().isEmpty())
            ? AttributeSchema.none()
            : attributes.schema();
    List<Integer> kept = new ArrayList<>();
    List<Contacts.Upsert> upserts = new ArrayList<>();
    List<List<TraitProblem>> warnings = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      IncomingEvent event = events.get(i);
      if (stored.contains(event.messageId()) || !seen.add(event.messageId())) {
        results[i] = new IngestResult.Duplicate(event.messageId());
        continue;
      }
      switch (checkedTraits(event, schema)) {
        case Checked.Refused refused -> results[i] = refused.result();
        case Checked.Fit fit -> {
          kept.add(i);
          upserts.add(
              new Contacts.Upsert(event.identity(), fit.traits().traits(), event.occurredAt()));
          warnings.add(fit.traits().problems());
        }
      }
    }
    Optional<List<ContactId>> reached = contacts.upsertAll(upserts);
    if (reached.isEmpty()) {
      for (int i : kept) {
        results[i] = ingest(events.get(i));
        contacts.writeAndForget();
      }
      return List.of(results);
    }
    List<IncomingEvent> appended = kept.stream().map(events::get).toList();
    Map<String, Long> ids = appendAll(appended, reached.get(), now);
    long lastId = -1;
    ContactId lastContact = null;
    for (int k = 0; k < kept.size(); k++) {
      IncomingEvent event = appended.get(k);
      ContactId contact = reached.get().get(k);
      Long id = ids.get(event.messageId());
      if (id == null) {
        // A concurrent call with the same message id won the insert.
        results[kept.get(k)] = new IngestResult.Duplicate(event.messageId());
        continue;
      }
      if (event.type() == EventType.TRACK
          && contactProperties.purchaseEvent().equals(event.name())) {
        contacts.recordOrder(contact, revenue(event.properties()), event.occurredAt());
      }
      results[kept.get(k)] = new IngestResult.Accepted(id, contact, warnings.get(k));
      if (id > lastId) {
        lastId = id;
        lastContact = contact;
      }
    }
    if (lastContact != null) {
      // The dispatcher takes every pending event once woken: one wake-up serves the whole batch.
      publisher.publishEvent(new EventRecorded(lastId, lastContact));
    }
    return List.of(results);
  }

  private List<IngestResult> oneByOne(List<IncomingEvent> events) {
    List<IngestResult> results = new ArrayList<>(events.size());
    for (IncomingEvent event : events) {
      results.add(ingest(event));
      contacts.writeAndForget();
    }
    return results;
  }

  /** A call's traits fitted to the declared attributes, or the refusal that keeps it out. */
  private sealed interface Checked {
    record Fit(Traits.Checked traits) implements Checked {}

    record Refused(IngestResult.Rejected result) implements Checked {}
  }

  private Checked checkedTraits(IncomingEvent event, AttributeSchema schema) {
    AttributeSchema.Conformed conformed = schema.conform(event.traits().custom());
    if (!conformed.refusals().isEmpty()) {
      return new Checked.Refused(
          new IngestResult.Rejected(
              conformed.refusals().stream()
                  .map(refusal -> new TraitProblem(refusal.attribute(), refusal.message()))
                  .toList()));
    }
    return new Checked.Fit(
        event
            .traits()
            .withCustom(conformed.values())
            .check(contactProperties.defaultPhoneRegion()));
  }

  /**
   * Records something Cairn itself observed about a known contact ("Segment Entered"), as a track
   * event journeys can start on or wait for. Once per message id.
   */
  @Transactional
  public IngestResult record(
      ContactId contact, String name, Map<String, Object> properties, String messageId) {
    Instant now = clock.instant();
    IncomingEvent event =
        new IncomingEvent(
            messageId,
            EventType.TRACK,
            new Identity(null, "cairn:" + contact),
            name,
            properties,
            Traits.none(),
            now);
    Optional<Long> id = append(event, contact, now);
    if (id.isEmpty()) {
      return new IngestResult.Duplicate(messageId);
    }
    publisher.publishEvent(new EventRecorded(id.get(), contact));
    return new IngestResult.Accepted(id.get(), contact, List.of());
  }

  /**
   * Records the same observation about many known contacts at once (an import's batch joining a
   * list), as {@link #record} does for one, in one statement and with one wake-up for journeys.
   * Once per message id; the number stored.
   */
  @Transactional
  public int recordAll(
      List<ContactId> contacts,
      String name,
      Map<String, Object> properties,
      Function<ContactId, String> messageId) {
    if (contacts.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    List<Long> ids =
        jdbc.sql(
                """
                insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at)
                select e.message_id, e.contact_id, :type, :name, cast(:properties as jsonb), :now, :now
                  from unnest(cast(:messageIds as text[]), cast(:contacts as uuid[])) as e(message_id, contact_id)
                on conflict (message_id) do nothing
                returning id
                """)
            .param("type", EventType.TRACK.name())
            .param("name", name)
            .param("properties", json.writeValueAsString(properties))
            .param("now", Timestamp.from(now))
            .param("messageIds", contacts.stream().map(messageId).toArray(String[]::new))
            .param("contacts", contacts.stream().map(ContactId::value).toArray(UUID[]::new))
            .query(Long.class)
            .list();
    if (!ids.isEmpty()) {
      // The dispatcher takes every pending event once woken: one wake-up serves the whole batch.
      publisher.publishEvent(new EventRecorded(ids.getLast(), contacts.getLast()));
    }
    return ids.size();
  }

  /** The order's value; an order without a readable one still counts, as 0. */
  private BigDecimal revenue(Map<String, Object> properties) {
    Object value = properties.get(contactProperties.revenueProperty());
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.strip());
      } catch (NumberFormatException e) {
        return BigDecimal.ZERO;
      }
    }
    return BigDecimal.ZERO;
  }

  private boolean isKnown(String messageId) {
    return jdbc.sql("select exists(select 1 from contact_event where message_id = :id)")
        .param("id", messageId)
        .query(Boolean.class)
        .single();
  }

  private Set<String> knownMessageIds(List<IncomingEvent> events) {
    return new HashSet<>(
        jdbc.sql(
                "select message_id from contact_event where message_id = any(cast(:ids as text[]))")
            .param("ids", events.stream().map(IncomingEvent::messageId).toArray(String[]::new))
            .query(String.class)
            .list());
  }

  /** Appends the events in one statement; the id of each stored, by message id. */
  private Map<String, Long> appendAll(
      List<IncomingEvent> events, List<ContactId> contactIds, Instant now) {
    if (events.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> ids = new HashMap<>();
    jdbc.sql(
            """
            insert into contact_event
                (message_id, contact_id, type, name, properties, occurred_at, received_at)
            select e.message_id, e.contact_id, e.type, e.name, cast(e.properties as jsonb),
                   cast(e.occurred_at as timestamptz), :receivedAt
              from unnest(cast(:messageIds as text[]), cast(:contactIds as uuid[]),
                          cast(:types as text[]), cast(:names as text[]), cast(:properties as text[]),
                          cast(:occurredAts as text[]))
                   with ordinality as e(message_id, contact_id, type, name, properties, occurred_at, n)
             order by e.n
            on conflict (message_id) do nothing
            returning message_id, id
            """)
        .param("messageIds", events.stream().map(IncomingEvent::messageId).toArray(String[]::new))
        .param("contactIds", contactIds.stream().map(ContactId::value).toArray(UUID[]::new))
        .param("types", events.stream().map(event -> event.type().name()).toArray(String[]::new))
        .param("names", events.stream().map(IncomingEvent::name).toArray(String[]::new))
        .param(
            "properties",
            events.stream()
                .map(event -> json.writeValueAsString(event.properties()))
                .toArray(String[]::new))
        .param(
            "occurredAts",
            events.stream().map(event -> event.occurredAt().toString()).toArray(String[]::new))
        .param("receivedAt", Timestamp.from(now))
        .query((RowCallbackHandler) row -> ids.put(row.getString(1), row.getLong(2)));
    return ids;
  }

  /** Appends one event, as {@link #appendAll} does; its id, or empty if already stored. */
  private Optional<Long> append(IncomingEvent event, ContactId contact, Instant now) {
    return Optional.ofNullable(
        appendAll(List.of(event), List.of(contact), now).get(event.messageId()));
  }
}
