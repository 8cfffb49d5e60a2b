package dev.cairn.engine.event;

import dev.cairn.engine.contact.ContactId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored events in the order they arrived: the pending ones journeys have not seen yet, and a
 * contact's history.
 */
@Service
public class EventFeed {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The advisory-lock space of "this contact's events are being handled" ("cair"). */
  private static final int CONTACT_LOCKS = 0x63616972;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  EventFeed(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Claims up to {@code max} unprocessed events for the caller's transaction, in the order they
   * were stored. A contact's events are claimed by one transaction at a time (an advisory lock on
   * the contact, taken without waiting: contacts another dispatcher or replica holds are passed
   * over), so no event is handled twice and each contact's are handled in order.
   *
   * <p>A claim looks only at the oldest {@code window} pending events, in the order of the pending
   * index: a contact's oldest event among them is its oldest of all, since every earlier pending
   * event is in the window too. So a claim costs the same however many events are pending or
   * stored, and however they are spread over contacts: one contact with thousands of pending events
   * has them handled a batch at a time, not one per claim.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<StoredEvent> claimPending(int max, int window) {
    return jdbc.sql(
            """
            with front as materialized (
              select id, contact_id from contact_event where processed_at is null order by id limit :window
            ),
            heads as materialized (
              select contact_id, min(id) as first from front group by contact_id order by first
            ),
            -- Read in order and stopped at the batch: only that many contacts are locked.
            mine as materialized (
              select contact_id from heads
              where pg_try_advisory_xact_lock(:lockSpace, hashtext(contact_id::text))
              limit :max
            )
            select e.* from contact_event e
            where e.id = any(array(select front.id from front join mine on mine.contact_id = front.contact_id))
              and e.processed_at is null
            order by e.id
            limit :max
            for update of e skip locked
            """)
        .param("max", max)
        .param("window", window)
        .param("lockSpace", CONTACT_LOCKS)
        .query(this::toEvent)
        .list();
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void markProcessed(List<Long> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    jdbc.sql("update contact_event set processed_at = :now where id = any(cast(:ids as bigint[]))")
        .param("now", Timestamp.from(clock.instant()))
        .param("ids", eventIds.toArray(Long[]::new))
        .update();
  }

  /** The contact's most recent events, newest first. */
  @Transactional(readOnly = true)
  public List<StoredEvent> history(ContactId contact, int limit) {
    return jdbc.sql(
            "select * from contact_event where contact_id = :id order by occurred_at desc, id desc limit :limit")
        .param("id", contact.value())
        .param("limit", limit)
        .query(this::toEvent)
        .list();
  }

  @Transactional(readOnly = true)
  public long pendingCount() {
    return jdbc.sql("select count(*) from contact_event where processed_at is null")
        .query(Long.class)
        .single();
  }

  private StoredEvent toEvent(ResultSet rs, int row) throws SQLException {
    return new StoredEvent(
        rs.getLong("id"),
        rs.getString("message_id"),
        new ContactId(rs.getObject("contact_id", UUID.class)),
        EventType.valueOf(rs.getString("type")),
        rs.getString("name"),
        json.readValue(rs.getString("properties"), MAP),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getTimestamp("received_at").toInstant());
  }
}
