package dev.cairn.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationWordsTest {

  @Test
  void iso_durations_read_as_a_marketer_says_them() {
    assertThat(DurationWords.ofIso("P3D").orElseThrow().words()).isEqualTo("3 days");
    assertThat(DurationWords.ofIso("PT1H").orElseThrow().words()).isEqualTo("1 hour");
    assertThat(DurationWords.ofIso("P14D").orElseThrow().words()).isEqualTo("2 weeks");
    assertThat(DurationWords.ofIso("P2W").orElseThrow().words()).isEqualTo("2 weeks");
    assertThat(DurationWords.ofIso("PT90M").orElseThrow().words()).isEqualTo("90 minutes");
    assertThat(DurationWords.ofIso("P1M").orElseThrow().words()).isEqualTo("1 month");
  }

  @Test
  void words_become_the_iso_duration_the_journey_stores() {
    assertThat(DurationWords.ofWords("3 days").orElseThrow().iso()).isEqualTo("P3D");
    assertThat(DurationWords.ofWords("1 hour").orElseThrow().iso()).isEqualTo("PT1H");
    assertThat(DurationWords.ofWords("2w").orElseThrow().iso()).isEqualTo("P2W");
    assertThat(DurationWords.ofWords("soon")).isEmpty();
  }

  @Test
  void what_is_not_a_duration_is_not_read_as_one() {
    assertThat(DurationWords.ofIso("tomorrow")).isEmpty();
    assertThat(DurationWords.ofIso("P1Y")).isEmpty();
  }

  @Test
  void a_wait_is_named_after_its_duration() {
    assertThat(DurationWords.waitName("P1D")).isEqualTo("Wait 1 day");
    assertThat(DurationWords.waitName("PT1H")).isEqualTo("Wait 1 hour");
  }
}
