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
    return jdbc.sql(
            "select * from message order by created_at desc, id desc limit :limit offset :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query(Deliveries::toView)
        .list();
  }

  public long count() {
    return jdbc.sql("select count(*) from message").query(Long.class).single();
  }

  public List<MessageView> forContact(ContactId contact) {
    return jdbc.sql(
            "select * from message where contact_id = :contact order by created_at desc, id desc")
        .param("contact", contact.value())
        .query(Deliveries::toView)
        .list();
  }

  /** The messages of one journey instance (a test run's, say), oldest first. */
  public List<MessageView> forJourneyInstance(long processInstanceKey) {
    return jdbc.sql(
            "select * from message where process_instance_key = :instance order by created_at, id")
        .param("instance", processInstanceKey)
        .query(Deliveries::toView)
        .list();
  }

  /**
   * Per send-email and send-SMS step of the journey (every version): what was sent and what became
   * of it, read from the ledger and the contacts' Email Opened / Clicked / Bounced / Unsubscribed
   * and SMS Clicked events, which name their message.
   */
  public List<MessageStepStats> stepStats(String journeyId) {
    return jdbc.sql(
            """
            with sent as (
              select m.id, m.element_id, m.channel, m.status from message m
              where m.journey_id = :journey and m.channel in ('EMAIL', 'SMS') and m.element_id is not null
            ),
            -- One pass over the events that name these messages (an index on the message id finds them).
            engagement as (
              select s.id,
                     bool_or(e.name = 'Email Opened') as opened,
                     bool_or(e.name in ('Email Clicked', 'SMS Clicked')) as clicked,
                     bool_or(e.name = 'Email Bounced') as bounced,
                     bool_or(e.name = 'Email Unsubscribed') as unsubscribed
              from sent s
              join contact_event e on e.properties ->> 'message_id' = s.id::text
                                  and e.name in ('Email Opened', 'Email Clicked', 'SMS Clicked', 'Email Bounced', 'Email Unsubscribed')
              group by s.id
            )
            select s.element_id, min(s.channel) as channel,
                   count(*) filter (where s.status in ('SENT', 'OUTBOX', 'DELIVERED', 'BOUNCED', 'COMPLAINED')) as sent,
                   count(*) filter (where s.status = 'DELIVERED') as delivered,
                   count(*) filter (where s.status = 'FAILED') as failed,
                   count(*) filter (where g.opened) as opened,
                   count(*) filter (where g.clicked) as clicked,
                   count(*) filter (where s.status = 'BOUNCED' or g.bounced) as bounced,
                   count(*) filter (where s.status = 'COMPLAINED') as complained,
                   count(*) filter (where g.unsubscribed) as unsubscribed
            from sent s left join engagement g on g.id = s.id
            group by s.element_id
            order by s.element_id
            """)
        .param("journey", journeyId)
        .query(
            (rs, row) ->
                new MessageStepStats(
                    rs.getString("element_id"),
                    Channel.valueOf(rs.getString("channel")),
                    rs.getLong("sent"),
                    rs.getLong("delivered"),
                    rs.getLong("failed"),
                    rs.getLong("opened"),
                    rs.getLong("clicked"),
                    rs.getLong("bounced"),
                    rs.getLong("complained"),
                    rs.getLong("unsubscribed")))
        .list();
  }

  public Optional<MessageView> find(long id) {
    return jdbc.sql("select * from message where id = :id")
        .param("id", id)
        .query(Deliveries::toView)
        .optional();
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
