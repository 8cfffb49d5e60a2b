package dev.cairn.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

  @Test
  void the_plain_text_part_keeps_words_and_links_and_drops_markup() {
    String html =
        """
        <html><head><style>p { color: red; }</style></head>
        <body><h1>Welcome, Ann!</h1><p>Thanks &amp; welcome.</p>
        <p><a class="button" href="https://example.com/shop">Start shopping</a></p></body></html>
        """;

    assertThat(HtmlToText.convert(html))
        .isEqualTo(
            "Welcome, Ann!\n\nThanks & welcome.\n\nStart shopping (https://example.com/shop)");
  }
}
