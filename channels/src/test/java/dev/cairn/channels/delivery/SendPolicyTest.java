package dev.cairn.channels.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Quiet hours in the contact's own time zone, with a controlled clock. */
class SendPolicyTest {

  private final SendPolicyProperties quietNights =
      new SendPolicyProperties(
          0, null, LocalTime.of(21, 0), LocalTime.of(8, 0), ZoneId.of("Europe/Oslo"));

  @Test
  void a_message_due_at_night_in_the_contacts_zone_waits_until_morning_there() {
    // 23:30 in New York is 04:30 UTC next day.
    SendPolicy.Decision decision =
        policy(quietNights).quietHours("America/New_York", Instant.parse("2026-11-25T04:30:00Z"));

    assertThat(decision).isInstanceOf(SendPolicy.Decision.Delay.class);
    assertThat(((SendPolicy.Decision.Delay) decision).until())
        .isEqualTo(Duration.ofMinutes(8 * 60 + 30));
    assertThat(((SendPolicy.Decision.Delay) decision).reason()).contains("America/New_York");
  }

  @Test
  void the_same_moment_is_daytime_elsewhere_and_goes_out_at_once() {
    SendPolicy.Decision decision =
        policy(quietNights).quietHours("Asia/Tokyo", Instant.parse("2026-11-25T04:30:00Z"));

    assertThat(decision).isInstanceOf(SendPolicy.Decision.Send.class);
  }

  @Test
  void contacts_without_a_time_zone_follow_the_default_zone_and_early_morning_counts_as_night() {
    // 06:00 in Oslo (05:00 UTC): quiet until 08:00.
    SendPolicy.Decision decision =
        policy(quietNights).quietHours(null, Instant.parse("2026-11-25T05:00:00Z"));

    assertThat(decision)
        .isEqualTo(
            new SendPolicy.Decision.Delay(
                "quiet hours in Europe/Oslo until 08:00", Duration.ofHours(2)));
  }

  @Test
  void without_quiet_hours_everything_goes_out() {
    SendPolicyProperties none = new SendPolicyProperties(0, null, null, null, null);

    assertThat(policy(none).quietHours("Europe/Oslo", Instant.parse("2026-11-25T02:00:00Z")))
        .isInstanceOf(SendPolicy.Decision.Send.class);
  }

  private static SendPolicy policy(SendPolicyProperties properties) {
    return new SendPolicy(properties, null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }
}
