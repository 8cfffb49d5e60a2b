package dev.cairn.channels.delivery;

import dev.cairn.engine.contact.ContactId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the delivery ledger: the outbox page and a contact's messages. */
@Service
@Transactional(readOnly = true)
public class Deliveries {

  private final JdbcClient jdbc;

  Deliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Newest first. */
  public List<MessageView> recent(int offset, int limit) {
    return jdbc.sql("select * from message order by created_at desc, id desc limit :limit offset :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query(Deliveries::toView)
        .list();
  }

  public long count() {
    return jdbc.sql("select count(*) from message").query(Long.class).single();
  }

  public List<MessageView> forContact(ContactId contact) {
    return jdbc.sql("select * from message where contact_id = :contact order by created_at desc, id desc")
        .param("contact", contact.value())
        .query(Deliveries::toView)
        .list();
  }

  /** The messages of one journey instance (a test run's, say), oldest first. */
  public List<MessageView> forJourneyInstance(long processInstanceKey) {
    return jdbc.sql("select * from message where process_instance_key = :instance order by created_at, id")
        .param("instance", processInstanceKey)
        .query(Deliveries::toView)
        .list();
  }

  public Optional<MessageView> find(long id) {
    return jdbc.sql("select * from message where id = :id").param("id", id).query(Deliveries::toView).optional();
  }

  static MessageView toView(ResultSet rs, int row) throws SQLException {
    UUID contact = rs.getObject("contact_id", UUID.class);
    return new MessageView(
        rs.getLong("id"),
        contact == null ? null : new ContactId(contact),
        rs.getString("journey_id"),
        rs.getString("element_id"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("body_html"),
        rs.getString("body_text"),
        MessageStatus.valueOf(rs.getString("status")),
        rs.getString("transport"),
        rs.getString("error"),
        rs.getTimestamp("created_at").toInstant(),
        instant(rs.getTimestamp("sent_at")),
        rs.getString("test_sent_by"));
  }

  private static java.time.@Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
