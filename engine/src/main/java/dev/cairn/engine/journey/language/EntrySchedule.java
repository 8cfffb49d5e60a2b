package dev.cairn.engine.journey.language;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * A schedule entry trigger: at each time the cron names, in each contact's own time zone, the
 * contacts of the audience (a segment, or everyone) enter the journey.
 *
 * @param cron five fields ({@code 0 9 * * MON}: Mondays at 9:00) or six with seconds first
 * @param segmentId who enters; null for every contact
 */
public record EntrySchedule(String cron, @Nullable String segmentId) {

  public EntrySchedule {
    if (parse(cron).isEmpty()) {
      throw new IllegalArgumentException("not a cron expression: " + cron);
    }
    cron = cron.strip();
  }

  /**
   * The latest time the schedule fired in {@code zone} after {@code after} and not after {@code
   * now}.
   */
  public Optional<ZonedDateTime> lastFiring(ZoneId zone, Instant after, Instant now) {
    CronExpression expression = parse(cron).orElseThrow();
    ZonedDateTime next = expression.next(after.atZone(zone));
    ZonedDateTime last = null;
    while (next != null && !next.toInstant().isAfter(now)) {
      last = next;
      next = expression.next(next);
    }
    return Optional.ofNullable(last);
  }

  /** Standard five-field cron, or Spring's six fields with seconds. */
  public static Optional<CronExpression> parse(String cron) {
    String text = cron.strip();
    String fields = text.split("\\s+").length == 5 ? "0 " + text : text;
    try {
      return Optional.of(CronExpression.parse(fields));
    } catch (IllegalArgumentException | DateTimeException e) {
      return Optional.empty();
    }
  }
}
