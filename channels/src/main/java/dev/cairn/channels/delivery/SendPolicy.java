package dev.cairn.channels.delivery;

import dev.cairn.engine.step.Step;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a marketing message may go out now: within the frequency cap (else it is skipped), and
 * outside quiet hours in the contact's own time zone (else it waits until they end, never dropped).
 */
@Component
public class SendPolicy {

  /** What to do with a message now. */
  public sealed interface Decision {
    record Send() implements Decision {}

    record Skip(String reason) implements Decision {}

    record Delay(String reason, Duration until) implements Decision {}
  }

  private final SendPolicyProperties properties;
  private final JdbcClient jdbc;
  private final Clock clock;

  SendPolicy(SendPolicyProperties properties, JdbcClient jdbc, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Test runs fast-forward: no quiet hours, and their messages (never sent) count against no cap.
   */
  public Decision check(Step step, Channel channel, @Nullable String contactTimeZone) {
    return step.testRun()
        ? new Decision.Send()
        : check(step.contactId().value(), channel, contactTimeZone);
  }

  public Decision check(java.util.UUID contact, Channel channel, @Nullable String contactTimeZone) {
    Instant now = clock.instant();
    Decision quiet = quietHours(contactTimeZone, now);
    if (!(quiet instanceof Decision.Send)) {
      return quiet;
    }
    if (properties.frequencyCap() > 0) {
      long recent =
          jdbc.sql(
                  """
                  select count(*) from message
                  where contact_id = :contact and channel = :channel and status in ('SENT', 'OUTBOX') and sent_at >= :since
                    and test_sent_by is null
                  """)
              .param("contact", contact)
              .param("channel", channel.name())
              .param("since", java.sql.Timestamp.from(now.minus(properties.frequencyPeriod())))
              .query(Long.class)
              .single();
      if (recent >= properties.frequencyCap()) {
        return new Decision.Skip(
            "frequency cap: "
                + recent
                + " "
                + channel.name().toLowerCase(java.util.Locale.ROOT)
                + " messages in the last "
                + properties.frequencyPeriod().toDays()
                + " days (cap "
                + properties.frequencyCap()
                + ")");
      }
    }
    return new Decision.Send();
  }

  /** In quiet hours: wait until they end, in the contact's zone (or the default zone). */
  Decision quietHours(@Nullable String contactTimeZone, Instant now) {
    LocalTime start = properties.quietHoursStart();
    LocalTime end = properties.quietHoursEnd();
    if (start == null || end == null || start.equals(end)) {
      return new Decision.Send();
    }
    ZoneId zone = zone(contactTimeZone);
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    boolean quiet =
        start.isBefore(end)
            ? !time.isBefore(start) && time.isBefore(end)
            : !time.isBefore(start) || time.isBefore(end);
    if (!quiet) {
      return new Decision.Send();
    }
    ZonedDateTime until = local.with(end);
    if (!until.isAfter(local)) {
      until = until.plusDays(1);
    }
    return new Decision.Delay(
        "quiet hours in " + zone + " until " + end, Duration.between(local, until));
  }

  private ZoneId zone(@Nullable String contactTimeZone) {
    if (contactTimeZone != null) {
      try {
        return ZoneId.of(contactTimeZone);
      } catch (DateTimeException e) {
        // fall through to the default
      }
    }
    return properties.defaultTimeZone();
  }
}
