package dev.cairn.engine.privacy;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.journey.run.JourneyEngine;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a contact (GDPR erasure): stops every journey they are in, then deletes the contact with
 * their events, messages, enrolments and merged ids in one transaction. Journey step counts stay,
 * without anything that leads back to the person. If the engine cannot be reached, nothing is
 * deleted and the caller is told to try again.
 */
@Service
public class ContactErasure {

  private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);

  private final JdbcClient jdbc;
  private final JourneyEngine engine;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ContactErasure(
      JdbcClient jdbc, JourneyEngine engine, TransactionTemplate transaction, Clock clock) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** What was erased; empty when there is no such contact. */
  public record Erased(long events, long messages, int journeysStopped) {}

  public Optional<Erased> erase(ContactId contact) {
    if (!exists(contact)) {
      return Optional.empty();
    }
    List<Long> running = runningJourneys(contact);
    for (long processInstanceKey : running) {
      transaction.executeWithoutResult(status -> engine.cancel(processInstanceKey, "erasure"));
    }
    return Optional.ofNullable(transaction.execute(status -> delete(contact, running.size())));
  }

  private boolean exists(ContactId contact) {
    return jdbc.sql("select exists(select 1 from contact where id = :id)")
        .param("id", contact.value())
        .query(Boolean.class)
        .single();
  }

  private List<Long> runningJourneys(ContactId contact) {
    return jdbc.sql(
            """
            select en.process_instance_key from enrollment en
            join element_instance ei on ei.element_instance_key = en.process_instance_key
            where en.contact_id = :id and ei.state = 'ACTIVE'
            """)
        .param("id", contact.value())
        .query(Long.class)
        .list();
  }

  private Erased delete(ContactId contact, int journeysStopped) {
    long events = count("contact_event", contact);
    long messages = count("message", contact);
    jdbc.sql("delete from contact where id = :id").param("id", contact.value()).update();
    jdbc.sql(
            """
            insert into contact_erasure (contact_id, erased_at, events, messages, journeys_stopped)
            values (:id, :now, :events, :messages, :journeys)
            """)
        .param("id", contact.value())
        .param("now", Timestamp.from(clock.instant()))
        .param("events", events)
        .param("messages", messages)
        .param("journeys", journeysStopped)
        .update();
    log.info(
        "Erased contact {}: {} events, {} messages, {} journeys stopped",
        contact,
        events,
        messages,
        journeysStopped);
    return new Erased(events, messages, journeysStopped);
  }

  private long count(String table, ContactId contact) {
    return jdbc.sql("select count(*) from " + table + " where contact_id = :id")
        .param("id", contact.value())
        .query(Long.class)
        .single();
  }
}
