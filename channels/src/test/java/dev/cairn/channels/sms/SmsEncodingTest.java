package dev.cairn.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.channels.sms.SmsEncoding.Alphabet;
import org.junit.jupiter.api.Test;

/** Which alphabet a text needs and how many segments it is billed as. */
class SmsEncodingTest {

  @Test
  void plain_text_is_gsm_7_and_160_characters_fit_one_message() {
    assertThat(SmsEncoding.of("a".repeat(160))).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 160, 1));
  }

  @Test
  void one_character_more_splits_into_segments_of_153() {
    assertThat(SmsEncoding.of("a".repeat(161))).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 161, 2));
    assertThat(SmsEncoding.of("a".repeat(306))).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 306, 2));
    assertThat(SmsEncoding.of("a".repeat(307))).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 307, 3));
  }

  @Test
  void the_whole_gsm_03_38_basic_table_stays_gsm_7() {
    String basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    assertThat(SmsEncoding.of(basic).alphabet()).isEqualTo(Alphabet.GSM_7);
    assertThat(SmsEncoding.of(basic).units()).isEqualTo(basic.length());
  }

  @Test
  void extension_table_characters_stay_gsm_7_but_count_double() {
    assertThat(SmsEncoding.of("€^{}\\[~]|\f")).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 20, 1));
    assertThat(SmsEncoding.of("€".repeat(80))).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 160, 1));
    assertThat(SmsEncoding.of("€".repeat(81))).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 162, 2));
  }

  @Test
  void an_extension_character_is_never_split_across_two_segments() {
    // 306 septets would fit two segments of 153, but the euro sign cannot straddle the boundary.
    String text = "a".repeat(152) + "€" + "a".repeat(152);

    assertThat(SmsEncoding.of(text)).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 306, 3));
  }

  @Test
  void one_character_outside_gsm_makes_the_whole_text_ucs_2_with_70_per_message() {
    assertThat(SmsEncoding.of("Hi Mia, your order shipped ✓"))
        .extracting(SmsEncoding::alphabet)
        .isEqualTo(Alphabet.UCS_2);
    assertThat(SmsEncoding.of("It’s here"))
        .extracting(SmsEncoding::alphabet)
        .isEqualTo(Alphabet.UCS_2); // curly apostrophe
    assertThat(SmsEncoding.of("ł".repeat(70))).isEqualTo(new SmsEncoding(Alphabet.UCS_2, 70, 1));
  }

  @Test
  void longer_ucs_2_text_splits_into_segments_of_67() {
    assertThat(SmsEncoding.of("ł".repeat(71))).isEqualTo(new SmsEncoding(Alphabet.UCS_2, 71, 2));
    assertThat(SmsEncoding.of("ł".repeat(134))).isEqualTo(new SmsEncoding(Alphabet.UCS_2, 134, 2));
    assertThat(SmsEncoding.of("ł".repeat(135))).isEqualTo(new SmsEncoding(Alphabet.UCS_2, 135, 3));
  }

  @Test
  void an_emoji_counts_two_units_and_is_never_split_across_two_segments() {
    assertThat(SmsEncoding.of("😀".repeat(35))).isEqualTo(new SmsEncoding(Alphabet.UCS_2, 70, 1));
    // 134 units would fit two segments of 67, but the emoji cannot straddle the boundary.
    assertThat(SmsEncoding.of("ł".repeat(66) + "😀" + "ł".repeat(66)))
        .isEqualTo(new SmsEncoding(Alphabet.UCS_2, 134, 3));
  }

  @Test
  void an_empty_text_takes_no_segment() {
    assertThat(SmsEncoding.of("")).isEqualTo(new SmsEncoding(Alphabet.GSM_7, 0, 0));
  }
}
