package dev.cairn.engine.journey.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class EntryScheduleTest {

  private static final EntrySchedule MONDAYS_AT_NINE = new EntrySchedule("0 9 * * MON", null);

  @Test
  void monday_nine_oclock_comes_in_each_contacts_own_time_zone() {
    Instant mondayMorningInLisbon = Instant.parse("2026-11-30T09:30:00Z");
    Instant sundayEvening = Instant.parse("2026-11-29T20:00:00Z");

    assertThat(
            MONDAYS_AT_NINE.lastFiring(
                ZoneId.of("Europe/Lisbon"), sundayEvening, mondayMorningInLisbon))
        .contains(ZonedDateTime.parse("2026-11-30T09:00:00Z[Europe/Lisbon]"));
    assertThat(
            MONDAYS_AT_NINE.lastFiring(
                ZoneId.of("Asia/Tokyo"), sundayEvening, mondayMorningInLisbon))
        .as("9:00 in Tokyo was midnight UTC")
        .contains(ZonedDateTime.parse("2026-11-30T09:00:00+09:00[Asia/Tokyo]"));
    assertThat(
            MONDAYS_AT_NINE.lastFiring(
                ZoneId.of("America/New_York"), sundayEvening, mondayMorningInLisbon))
        .as("not yet 9:00 in New York")
        .isEmpty();
  }

  @Test
  void of_several_firings_since_the_last_look_only_the_latest_counts() {
    EntrySchedule hourly = new EntrySchedule("0 * * * *", "vip");

    assertThat(
            hourly.lastFiring(
                ZoneId.of("UTC"),
                Instant.parse("2026-11-30T06:10:00Z"),
                Instant.parse("2026-11-30T09:10:00Z")))
        .contains(ZonedDateTime.parse("2026-11-30T09:00:00Z[UTC]"));
  }

  @Test
  void six_fields_with_seconds_are_accepted_and_words_are_not() {
    assertThat(EntrySchedule.parse("*/5 * * * * *")).isPresent();
    assertThat(EntrySchedule.parse("every monday")).isEmpty();
    assertThatThrownBy(() -> new EntrySchedule("every monday", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
