package dev.cairn.engine.journey.run;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.journey.WaitCorrelation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which contact runs in which journey instance. An enrolment is active until tracking has recorded
 * its process instance as ended, so "active" is always read from tracking, never kept twice.
 */
@Repository
class Enrollments {

  private static final String ACTIVE =
      """
      not exists (select 1 from element_instance p
                  where p.element_instance_key = e.process_instance_key and p.ended_at is not null)
      """;

  private final JdbcClient jdbc;

  Enrollments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Serialises entry decisions for one contact until the transaction ends. */
  void lockContact(ContactId contact) {
    jdbc.sql("select id from contact where id = :id for update")
        .param("id", contact.value())
        .query()
        .rowSet();
  }

  boolean isActiveIn(ContactId contact, String journeyId) {
    return jdbc.sql(
            "select exists(select 1 from enrollment e where e.contact_id = :contact and e.journey_id = :journey and "
                + ACTIVE
                + ")")
        .param("contact", contact.value())
        .param("journey", journeyId)
        .query(Boolean.class)
        .single();
  }

  /** When the contact last entered the journey, if ever. */
  Optional<Instant> lastEntry(ContactId contact, String journeyId) {
    return jdbc.sql(
            "select max(started_at) from enrollment where contact_id = :contact and journey_id = :journey")
        .param("contact", contact.value())
        .param("journey", journeyId)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /**
   * The messages the contact's journeys can wait for that this event may be: its own name, and
   * filtered waits for it ({@code Order Completed|plan=Pro}). Runs this very event started do not
   * count: the event that enters a contact is not also the one they then wait for (a journey
   * started by an order whose goal is an order would otherwise end at once).
   */
  List<AwaitedMessage> awaitedMessages(ContactId contact, String eventName, long eventId) {
    return jdbc.sql(
            """
            select distinct e.journey_id, v.correlation = :byJourney as keyed_by_journey, awaited from enrollment e
            join journey_version v on v.journey_id = e.journey_id and v.version = e.version
            cross join lateral unnest(v.awaited_events) awaited
            where e.contact_id = :contact and (awaited = :event or starts_with(awaited, :filtered))
              and e.trigger_event_id is distinct from :eventId and
            """
                + ACTIVE)
        .param("contact", contact.value())
        .param("event", eventName)
        .param("filtered", eventName + "|")
        .param("eventId", eventId)
        .param("byJourney", WaitCorrelation.BY_JOURNEY)
        .query(
            (rs, row) ->
                new AwaitedMessage(
                    rs.getString("journey_id"),
                    rs.getString("awaited"),
                    rs.getBoolean("keyed_by_journey")))
        .list();
  }

  /**
   * A message one of the contact's journeys can wait for, and whether that journey's version
   * subscribes by journey and contact or (deployed before that) by the contact alone.
   */
  record AwaitedMessage(String journeyId, String name, boolean keyedByJourney) {}

  void record(
      long processInstanceKey,
      ContactId contact,
      String journeyId,
      int version,
      @Nullable Long eventId,
      Instant at) {
    jdbc.sql(
            """
            insert into enrollment (process_instance_key, contact_id, journey_id, version, trigger_event_id, started_at)
            values (:key, :contact, :journey, :version, :event, :at)
            on conflict do nothing
            """)
        .param("key", processInstanceKey)
        .param("contact", contact.value())
        .param("journey", journeyId)
        .param("version", version)
        .param("event", eventId)
        .param("at", Timestamp.from(at))
        .update();
  }
}
