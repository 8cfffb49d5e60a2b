package dev.cairn.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinksInTextTest {

  @Test
  void a_link_with_a_query_string_is_found_whole() {
    assertThat(urls("Your cart: https://shop.example.com/cart?item=42&utm_source=sms#top now"))
        .containsExactly("https://shop.example.com/cart?item=42&utm_source=sms#top");
  }

  @Test
  void sentence_punctuation_after_a_link_is_not_part_of_it() {
    assertThat(
            urls(
                "See https://x.example.com/a. Or https://x.example.com/b, or http://x.example.com/c! Ok? https://x.example.com/d?"))
        .containsExactly(
            "https://x.example.com/a",
            "https://x.example.com/b",
            "http://x.example.com/c",
            "https://x.example.com/d");
    assertThat(urls("'https://x.example.com/q'")).containsExactly("https://x.example.com/q");
  }

  @Test
  void a_closing_bracket_belongs_to_the_link_only_when_the_link_opened_it() {
    assertThat(urls("Sizes (https://x.example.com/sizes) too"))
        .containsExactly("https://x.example.com/sizes");
    assertThat(urls("(see https://en.example.org/wiki/Cairn_(stack))."))
        .containsExactly("https://en.example.org/wiki/Cairn_(stack)");
    assertThat(urls("[https://x.example.com/a]")).containsExactly("https://x.example.com/a");
  }

  @Test
  void several_links_are_found_in_order_with_their_places() {
    String text = "A https://a.example.com/1 B HTTP://b.example.com/2\nC https://c.example.com";
    List<LinksInText.Found> found = LinksInText.find(text);

    assertThat(found)
        .extracting(LinksInText.Found::url)
        .containsExactly(
            "https://a.example.com/1", "HTTP://b.example.com/2", "https://c.example.com");
    assertThat(found)
        .allSatisfy(
            link -> assertThat(text.substring(link.start(), link.end())).isEqualTo(link.url()));
  }

  @Test
  void a_text_without_links_has_none() {
    assertThat(urls("Reply STOP to opt out. Visit us at example.com or mail hi@example.com."))
        .isEmpty();
    assertThat(urls("")).isEmpty();
    assertThat(urls("https:// is not a link, nor is https://.")).isEmpty();
  }

  private static List<String> urls(String text) {
    return LinksInText.find(text).stream().map(LinksInText.Found::url).toList();
  }
}
