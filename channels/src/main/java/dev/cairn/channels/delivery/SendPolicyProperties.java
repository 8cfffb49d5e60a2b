package dev.cairn.channels.delivery;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on marketing messages, per contact.
 *
 * @param frequencyCap at most this many messages per channel within {@code frequencyPeriod} (0: no
 *     cap); more are skipped with the reason in the ledger
 * @param quietHoursStart local time from which nothing is sent (e.g. 21:00); unset: no quiet hours
 * @param quietHoursEnd local time messages go out again (e.g. 08:00)
 * @param defaultTimeZone for contacts whose time zone is not known
 */
@ConfigurationProperties("cairn.send")
public record SendPolicyProperties(
    int frequencyCap,
    Duration frequencyPeriod,
    @Nullable LocalTime quietHoursStart,
    @Nullable LocalTime quietHoursEnd,
    ZoneId defaultTimeZone) {

  public SendPolicyProperties {
    frequencyPeriod = frequencyPeriod == null ? Duration.ofDays(7) : frequencyPeriod;
    defaultTimeZone = defaultTimeZone == null ? ZoneId.of("UTC") : defaultTimeZone;
  }
}
