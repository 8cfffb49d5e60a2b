package dev.cairn.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When waits end, in contacts' own time zones and calendars, with a fixed "now". */
class WaitUntilTest {

  // Tuesday 2026-11-24, 15:30 UTC: 10:30 in New York, 00:30 Wednesday in Tokyo.
  private static final Instant NOW = Instant.parse("2026-11-24T15:30:00Z");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @Test
  void nine_in_the_morning_is_tomorrow_in_new_york_and_later_today_in_tokyo() {
    WaitUntil nine = WaitUntil.parse("09:00", null, null);

    assertThat(nine.next(NEW_YORK, Map.of(), NOW))
        .isEqualTo(ZonedDateTime.of(2026, 11, 25, 9, 0, 0, 0, NEW_YORK));
    assertThat(nine.next(TOKYO, Map.of(), NOW))
        .isEqualTo(ZonedDateTime.of(2026, 11, 25, 9, 0, 0, 0, TOKYO));
  }

  @Test
  void only_on_the_given_weekdays() {
    WaitUntil mondays = WaitUntil.parse("09:00 on MON", null, null);

    assertThat(mondays.next(NEW_YORK, Map.of(), NOW))
        .isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, NEW_YORK));
  }

  @Test
  void a_week_before_the_next_birthday_even_across_the_new_year() {
    WaitUntil weekBefore = WaitUntil.parse("anniversary of birthday", "-P7D", "10:00");

    assertThat(weekBefore.next(NEW_YORK, Map.of("birthday", "1990-01-03"), NOW))
        .isEqualTo(ZonedDateTime.of(2026, 12, 27, 10, 0, 0, 0, NEW_YORK));
    assertThat(weekBefore.next(NEW_YORK, Map.of("birthday", "1985-12-24"), NOW))
        .isEqualTo(ZonedDateTime.of(2026, 12, 17, 10, 0, 0, 0, NEW_YORK));
  }

  @Test
  void a_leap_day_birthday_is_celebrated_on_the_28th() {
    assertThat(
            WaitUntil.parse("anniversary of birthday", null, null)
                .next(NEW_YORK, Map.of("birthday", "2000-02-29"), NOW))
        .isEqualTo(ZonedDateTime.of(2027, 2, 28, 9, 0, 0, 0, NEW_YORK));
  }

  @Test
  void a_contact_without_the_date_moves_on_at_once() {
    assertThat(
            WaitUntil.parse("date in renewal_date", "-P3D", null)
                .next(NEW_YORK, Map.of(), NOW)
                .toInstant())
        .isEqualTo(NOW);
  }

  @Test
  void settings_that_cannot_be_read_say_what_to_write() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WaitUntil.parse("nine", null, null))
        .withMessageContaining("like 09:00");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WaitUntil.parse("09:00 on Funday", null, null))
        .withMessageContaining("MON, TUE");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WaitUntil.parse("anniversary of birthday", "a week before", null))
        .withMessageContaining("-P7D");
  }
}
