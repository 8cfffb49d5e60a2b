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

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  EventFeed(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Claims up to {@code max} unprocessed events for the caller's transaction. Rows claimed by
   * another dispatcher or replica are skipped, so no event is handled twice; only a contact's
   * oldest pending event is offered, so each contact's events are handled in order.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<StoredEvent> claimPending(int max) {
    return jdbc.sql(
            """
            select * from contact_event e
            where processed_at is null
              and not exists (
                select 1 from contact_event earlier
                where earlier.contact_id = e.contact_id and earlier.processed_at is null and earlier.id < e.id)
            order by id
            limit :max
            for update skip locked
            """)
        .param("max", max)
        .query(this::toEvent)
        .list();
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void markProcessed(long eventId) {
    jdbc.sql("update contact_event set processed_at = :now where id = :id")
        .param("now", Timestamp.from(clock.instant()))
        .param("id", eventId)
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
    return jdbc.sql("select count(*) from contact_event where processed_at is null").query(Long.class).single();
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
