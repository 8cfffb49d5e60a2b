package dev.cairn.engine.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TraitsTest {

  @Test
  void email_phone_time_zone_and_locale_are_normalised() {
    Traits traits =
        Traits.fromSegment(
            Map.of(
                "email",
                " Ann@Example.COM ",
                "phone",
                "+47 412 34 567",
                "timezone",
                "Europe/Oslo",
                "locale",
                "nb_NO"));

    Traits.Checked checked = traits.check(null);

    assertThat(checked.problems()).isEmpty();
    assertThat(checked.traits().email()).isEqualTo("Ann@example.com");
    assertThat(checked.traits().phone()).isEqualTo("+4741234567");
    assertThat(checked.traits().timeZone()).isEqualTo("Europe/Oslo");
    assertThat(checked.traits().locale()).isEqualTo("nb-NO");
  }

  @Test
  void a_number_without_country_code_is_read_in_the_default_region() {
    Traits.Checked checked = Traits.fromSegment(Map.of("phone", "(415) 555-0132")).check("US");

    assertThat(checked.traits().phone()).isEqualTo("+14155550132");
  }

  @Test
  void invalid_values_are_left_out_and_each_is_reported_with_the_fix() {
    Traits.Checked checked =
        Traits.fromSegment(
                Map.of(
                    "email",
                    "ann@",
                    "phone",
                    "555-0132",
                    "timezone",
                    "Mars/Olympus",
                    "locale",
                    "!!",
                    "firstName",
                    "Ann"))
            .check(null);

    assertThat(checked.traits().email()).isNull();
    assertThat(checked.traits().phone()).isNull();
    assertThat(checked.traits().timeZone()).isNull();
    assertThat(checked.traits().locale()).isNull();
    assertThat(checked.traits().firstName()).isEqualTo("Ann");
    assertThat(checked.problems())
        .extracting(TraitProblem::trait)
        .containsExactly("email", "phone", "timezone", "locale");
    assertThat(checked.problems().get(1).message()).contains("include the country code");
    assertThat(checked.problems().get(2).message()).contains("Europe/Oslo");
  }

  @Test
  void the_senders_context_supplies_time_zone_and_locale_unless_the_traits_do() {
    Traits fromContext = Traits.fromSegment(Map.of()).withContext("America/New_York", "en-US");
    Traits ownWins =
        Traits.fromSegment(Map.of("timezone", "Europe/Oslo")).withContext("America/New_York", null);

    assertThat(fromContext.timeZone()).isEqualTo("America/New_York");
    assertThat(fromContext.locale()).isEqualTo("en-US");
    assertThat(ownWins.timeZone()).isEqualTo("Europe/Oslo");
  }
}
