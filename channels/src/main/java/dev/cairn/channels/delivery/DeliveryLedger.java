package dev.cairn.channels.delivery;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.step.Step;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of every message, written under the engine's job key before the message is handed to
 * its transport: a job the engine hands out again finds its message here and does not send it
 * twice.
 *
 * <p>What happens to a contact's message also becomes one of the contact's events, in the same
 * transaction as the ledger's change ({@code Email Queued}, {@code Email Sent}, {@code SMS
 * Delivered}, {@code Email Failed}, ...), so journeys can wait or branch on it and analytics count
 * it. Opens, clicks, bounces, complaints and unsubscribes are recorded where they are observed.
 */
@Service
public class DeliveryLedger {

  private final JdbcClient jdbc;
  private final EventIngestion events;
  private final Clock clock;

  DeliveryLedger(JdbcClient jdbc, EventIngestion events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Optional<MessageView> forJob(long jobKey) {
    return jdbc.sql("select * from message where job_key = :job")
        .param("job", jobKey)
        .query(Deliveries::toView)
        .optional();
  }

  /**
   * The message this job already dealt with (sent, held, skipped or refused), if any: a job the
   * engine hands out again after that has nothing left to do. A pending one does not count, since
   * its hand-over to the transport may never have happened.
   */
  @Transactional(readOnly = true)
  public Optional<Long> settled(long jobKey) {
    return forJob(jobKey)
        .filter(message -> message.status() != MessageStatus.PENDING)
        .map(MessageView::id);
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
  public long prepareTest(
      Channel channel,
      String recipient,
      String subject,
      String bodyHtml,
      String bodyText,
      String sentBy) {
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

  /**
   * Records that the step's message waits before it goes out (quiet hours in the contact's time
   * zone) as an {@code Email Queued} / {@code SMS Queued} event: once per step, however often the
   * engine hands the step out before then. A test run records nothing.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void queue(Step step, Channel channel, String reason, Duration delay) {
    if (step.testRun()) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("journey_id", step.journeyId());
    properties.put("element_id", step.elementId());
    properties.put("channel", channel.name().toLowerCase(Locale.ROOT));
    properties.put("reason", reason);
    properties.put("until", clock.instant().plus(delay).toString());
    events.record(
        step.contactId(),
        eventName(channel, "Queued"),
        properties,
        "message-queued:" + step.jobKey());
  }

  /** Records that the step sends nothing, and why. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public long skip(Step step, Channel channel, String reason) {
    return record(
        step,
        new OutgoingMessage(step, channel, "", null, null, ""),
        MessageStatus.SKIPPED,
        reason);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void finish(
      long messageId, MessageStatus status, @Nullable String transport, @Nullable String error) {
    jdbc.sql(
            """
            update message set status = :status, transport = :transport, error = :error,
                   sent_at = case when :status in ('SENT', 'OUTBOX') then :now else sent_at end
            where id = :id
            """
                + RETURNING_CHANGED)
        .param("status", status.name())
        .param("transport", transport)
        .param("error", error)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", messageId)
        .query(DeliveryLedger::changed)
        .list()
        .forEach(changed -> announce(changed, status, error));
  }

  /**
   * A provider's later word on a message it accepted (an SMS status callback), found by the
   * transport reference recorded when it was sent; false when no message has it.
   */
  @Transactional
  public boolean reportFromTransport(
      String transport, MessageStatus status, @Nullable String error) {
    List<Changed> reported =
        jdbc.sql(
                "update message set status = :status, error = coalesce(:error, error) where transport = :transport"
                    + RETURNING_CHANGED)
            .param("status", status.name())
            .param("error", error)
            .param("transport", transport)
            .query(DeliveryLedger::changed)
            .list();
    reported.forEach(changed -> announce(changed, status, error));
    return !reported.isEmpty();
  }

  /**
   * What an update of the ledger returns for the event it may record, so that needs no second read.
   */
  private static final String RETURNING_CHANGED =
      " returning id, contact_id, journey_id, element_id, channel, transport";

  private record Changed(
      long id,
      @Nullable UUID contact,
      @Nullable String journeyId,
      @Nullable String elementId,
      Channel channel,
      @Nullable String transport) {}

  private static Changed changed(ResultSet row, int n) throws SQLException {
    return new Changed(
        row.getLong("id"),
        row.getObject("contact_id", UUID.class),
        row.getString("journey_id"),
        row.getString("element_id"),
        Channel.valueOf(row.getString("channel")),
        row.getString("transport"));
  }

  /**
   * Records the contact event that says what became of the message. Test sends and test runs belong
   * to no contact and record none, nor do team notifications; a message's outcome is recorded once,
   * however often it is reported.
   */
  private void announce(Changed message, MessageStatus status, @Nullable String error) {
    String outcome =
        switch (status) {
          case SENT, OUTBOX -> "Sent";
          case DELIVERED -> "Delivered";
          case FAILED -> "Failed";
          case PENDING, SKIPPED, BOUNCED, COMPLAINED, TEST -> null;
        };
    if (outcome == null || message.contact() == null || message.channel() == Channel.TEAM) {
      return;
    }
    Map<String, Object> properties =
        MessageEventProperties.of(message.id(), message.journeyId(), message.elementId());
    properties.put("channel", message.channel().name().toLowerCase(Locale.ROOT));
    String transport = message.transport();
    if (transport != null) {
      // "twilio:SM…" and "smtp://host:port" name the provider first; the rest is the provider's
      // reference.
      properties.put(
          "transport",
          transport.contains(":") ? transport.substring(0, transport.indexOf(':')) : transport);
    }
    if (error != null) {
      properties.put("reason", error);
    }
    events.record(
        new ContactId(message.contact()),
        eventName(message.channel(), outcome),
        properties,
        "message:" + message.id() + ":" + outcome.toLowerCase(Locale.ROOT));
  }

  /** "Email Sent", "SMS Delivered": the name a journey waits or branches on. */
  public static String eventName(Channel channel, String outcome) {
    return (channel == Channel.SMS ? "SMS" : "Email") + " " + outcome;
  }

  private long record(
      Step step, OutgoingMessage message, MessageStatus status, @Nullable String error) {
    return jdbc.sql(
            """
            insert into message (job_key, contact_id, journey_id, process_instance_key, element_id, channel,
                                 recipient, subject, body_html, body_text, status, error, created_at, locale)
            values (:job, :contact, :journey, :instance, :element, :channel,
                    :recipient, :subject, :html, :text, :status, :error, :now, :locale)
            on conflict (job_key) do nothing
            returning id
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
        .query(Long.class)
        .optional()
        // The step's message was recorded before (a step performed again): that one.
        .orElseGet(
            () ->
                jdbc.sql("select id from message where job_key = :job")
                    .param("job", step.jobKey())
                    .query(Long.class)
                    .single());
  }
}
