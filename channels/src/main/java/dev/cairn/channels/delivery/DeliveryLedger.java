package dev.cairn.channels.delivery;

import dev.cairn.engine.step.Step;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of every message, written under the engine's job key before the message is handed
 * to its transport: a job the engine hands out again finds its message here and does not send it
 * twice.
 */
@Service
public class DeliveryLedger {

  private final JdbcClient jdbc;
  private final Clock clock;

  DeliveryLedger(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Optional<MessageView> forJob(long jobKey) {
    return jdbc.sql("select * from message where job_key = :job").param("job", jobKey).query(Deliveries::toView).optional();
  }

  /**
   * The message this job already dealt with (sent, held, skipped or refused), if any: a job the
   * engine hands out again after that has nothing left to do. A pending one does not count, since
   * its hand-over to the transport may never have happened.
   */
  @Transactional(readOnly = true)
  public Optional<Long> settled(long jobKey) {
    return forJob(jobKey).filter(message -> message.status() != MessageStatus.PENDING).map(MessageView::id);
  }

  /** Records the message as pending (or returns the one already recorded for this job). */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public long prepare(OutgoingMessage message) {
    return record(message.step(), message, MessageStatus.PENDING, null);
  }

  /**
   * Records a test a marketer sends from the template editor, as pending: no contact, no journey
   * and no job, so no frequency cap, timeline or journey report counts it.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public long prepareTest(Channel channel, String recipient, String subject, String bodyHtml, String bodyText, String sentBy) {
    return jdbc.sql(
            """
            insert into message (channel, recipient, subject, body_html, body_text, status, created_at, test_sent_by)
            values (:channel, :recipient, :subject, :html, :text, :status, :now, :by)
            returning id
            """)
        .param("channel", channel.name())
        .param("recipient", recipient)
        .param("subject", subject)
        .param("html", bodyHtml)
        .param("text", bodyText)
        .param("status", MessageStatus.PENDING.name())
        .param("now", Timestamp.from(clock.instant()))
        .param("by", sentBy)
        .query(Long.class)
        .single();
  }

  /** Records that the step sends nothing, and why. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public long skip(Step step, Channel channel, String reason) {
    return record(step, new OutgoingMessage(step, channel, "", null, null, ""), MessageStatus.SKIPPED, reason);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void finish(long messageId, MessageStatus status, @Nullable String transport, @Nullable String error) {
    jdbc.sql(
            """
            update message set status = :status, transport = :transport, error = :error,
                   sent_at = case when :status in ('SENT', 'OUTBOX') then :now else sent_at end
            where id = :id
            """)
        .param("status", status.name())
        .param("transport", transport)
        .param("error", error)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", messageId)
        .update();
  }

  /**
   * A provider's later word on a message it accepted (an SMS status callback), found by the
   * transport reference recorded when it was sent; false when no message has it.
   */
  @Transactional
  public boolean reportFromTransport(String transport, MessageStatus status, @Nullable String error) {
    return jdbc.sql("update message set status = :status, error = coalesce(:error, error) where transport = :transport")
            .param("status", status.name())
            .param("error", error)
            .param("transport", transport)
            .update()
        > 0;
  }

  private long record(Step step, OutgoingMessage message, MessageStatus status, @Nullable String error) {
    jdbc.sql(
            """
            insert into message (job_key, contact_id, journey_id, process_instance_key, element_id, channel,
                                 recipient, subject, body_html, body_text, status, error, created_at, locale)
            values (:job, :contact, :journey, :instance, :element, :channel,
                    :recipient, :subject, :html, :text, :status, :error, :now, :locale)
            on conflict (job_key) do nothing
            """)
        .param("job", step.jobKey())
        .param("contact", step.contactId().value())
        .param("journey", step.journeyId())
        .param("instance", step.processInstanceKey())
        .param("element", step.elementId())
        .param("channel", message.channel().name())
        .param("recipient", message.recipient())
        .param("subject", message.subject())
        .param("html", message.bodyHtml())
        .param("text", message.bodyText())
        .param("status", status.name())
        .param("error", error)
        .param("now", Timestamp.from(clock.instant()))
        .param("locale", message.locale())
        .update();
    return jdbc.sql("select id from message where job_key = :job").param("job", step.jobKey()).query(Long.class).single();
  }
}
