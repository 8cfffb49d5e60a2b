package dev.cairn.channels.bounce;

import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.event.EventIngestion;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes bounce and complaint reports (from the SMTP conversation or a provider's webhook) for an
 * address: hard bounces and complaints suppress the address for email, soft bounces are only
 * recorded; each becomes an "Email Bounced" / "Email Complained" event of every contact with that
 * address, naming the message when it is known.
 */
@Service
public class Bounces {

  public static final String BOUNCED = "Email Bounced";
  public static final String COMPLAINED = "Email Complained";

  /** How long after sending a report without a message id is matched to the latest message. */
  private static final Duration RECENT = Duration.ofDays(14);

  /** What a report says happened. */
  public enum Kind {
    HARD,
    SOFT,
    COMPLAINT
  }

  /**
   * One report.
   *
   * @param messageId Cairn's message id (the ledger's), when the reporter knows it
   */
  public record Report(String email, Kind kind, @Nullable String reason, @Nullable Long messageId) {
    public Report {
      email = email.strip().toLowerCase(Locale.ROOT);
    }
  }

  /** What came of a report: how many contacts have the address, and the message it was about. */
  public record Outcome(int contacts, @Nullable Long messageId) {}

  private record Sent(
      long id, @Nullable String journeyId, @Nullable String elementId, String status) {}

  private final JdbcClient jdbc;
  private final Consents consents;
  private final EventIngestion events;
  private final Clock clock;

  Bounces(JdbcClient jdbc, Consents consents, EventIngestion events, Clock clock) {
    this.jdbc = jdbc;
    this.consents = consents;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Outcome report(Report report, String reporter) {
    Optional<Sent> message = message(report);
    message
        .filter(sent -> !sent.status().equals("FAILED") && report.kind() != Kind.SOFT)
        .ifPresent(sent -> markMessage(sent.id(), report));
    List<ContactId> contacts =
        jdbc.sql("select id from contact where lower(email) = :email")
            .param("email", report.email())
            .query((rs, row) -> new ContactId(rs.getObject("id", UUID.class)))
            .list();
    Map<String, Object> properties = new LinkedHashMap<>();
    message.ifPresent(
        sent -> {
          properties.put("message_id", sent.id());
          if (sent.journeyId() != null) {
            properties.put("journey_id", sent.journeyId());
          }
          if (sent.elementId() != null) {
            properties.put("element_id", sent.elementId());
          }
        });
    properties.put("type", report.kind().name().toLowerCase(Locale.ROOT));
    properties.put("reason", report.reason() == null ? "" : report.reason());
    properties.put("reported_by", reporter);
    String event = report.kind() == Kind.COMPLAINT ? COMPLAINED : BOUNCED;
    for (ContactId contact : contacts) {
      events.record(contact, event, properties, "bounce:" + contact + ":" + UUID.randomUUID());
      if (report.kind() != Kind.SOFT) {
        String source =
            report.kind() == Kind.COMPLAINT
                ? "spam complaint (" + reporter + ")"
                : "hard bounce (" + reporter + "): " + reason(report);
        consents.record(
            contact,
            ConsentChannel.EMAIL,
            ConsentStatus.UNSUBSCRIBED,
            source,
            message.map(sent -> Map.<String, Object>of("message_id", sent.id())).orElse(Map.of()));
      }
    }
    return new Outcome(contacts.size(), message.map(Sent::id).orElse(null));
  }

  private static String reason(Report report) {
    String reason =
        report.reason() == null || report.reason().isBlank()
            ? "address refused"
            : report.reason().strip();
    return reason.length() > 200 ? reason.substring(0, 200) + "…" : reason;
  }

  /** The message named in the report, or the latest one sent to the address recently. */
  private Optional<Sent> message(Report report) {
    String select =
        "select id, journey_id, element_id, status from message where lower(recipient) = :email and channel = 'EMAIL'";
    if (report.messageId() != null) {
      return jdbc.sql(select + " and id = :id")
          .param("email", report.email())
          .param("id", report.messageId())
          .query(Bounces::sent)
          .optional();
    }
    return jdbc.sql(select + " and created_at >= :since order by created_at desc, id desc limit 1")
        .param("email", report.email())
        .param("since", Timestamp.from(clock.instant().minus(RECENT)))
        .query(Bounces::sent)
        .optional();
  }

  private static Sent sent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Sent(
        rs.getLong("id"),
        rs.getString("journey_id"),
        rs.getString("element_id"),
        rs.getString("status"));
  }

  private void markMessage(long messageId, Report report) {
    jdbc.sql("update message set status = :status, error = coalesce(:reason, error) where id = :id")
        .param("status", report.kind() == Kind.COMPLAINT ? "COMPLAINED" : "BOUNCED")
        .param("reason", report.reason())
        .param("id", messageId)
        .update();
  }
}
