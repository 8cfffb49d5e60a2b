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
   * oldest pending event is offered, so each contact's events are handled in order (and a batch
   * holds at most one event per contact).
   *
   * <p>A claim walks the pending events in order and stops at {@code max}, asking the (contact,
   * id) index whether each is its contact's oldest: it costs the same however many are pending. In
   * a burst the table's statistics lag behind and the planner, believing few events pending,
   * would rather gather them all and sort them, which makes every claim cost the whole backlog;
   * bitmap scans and sorts are therefore off for this one query.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<StoredEvent> claimPending(int max) {
    planInOrder(true);
    List<StoredEvent> claimed = jdbc.sql(
            """
            select * from contact_event e
            where processed_at is null
              and id = (
                select min(oldest.id) from contact_event oldest
                where oldest.contact_id = e.contact_id and oldest.processed_at is null)
            order by id
            limit :max
            for update skip locked
            """)
        .param("max", max)
        .query(this::toEvent)
        .list();
    planInOrder(false);
    return claimed;
  }

  private void planInOrder(boolean inOrder) {
    String setting = inOrder ? "off" : "on";
    jdbc.sql("select set_config('enable_bitmapscan', :setting, true), set_config('enable_sort', :setting, true)")
        .param("setting", setting)
        .query()
        .rowSet();
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
