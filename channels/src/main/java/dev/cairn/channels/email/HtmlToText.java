package dev.cairn.channels.email;

import java.util.regex.Pattern;

/** The plain-text part of an email, derived from its HTML so the two never disagree. */
final class HtmlToText {

  private static final Pattern INVISIBLE =
      Pattern.compile("(?is)<(head|style|script)[^>]*>.*?</\\1>");
  private static final Pattern LINK =
      Pattern.compile("(?is)<a\\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>");
  private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(li|tr)>");
  private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|ul|ol|table)>");
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private HtmlToText() {}

  static String convert(String html) {
    // HTML whitespace carries no layout; the tags do.
    String text = WHITESPACE.matcher(INVISIBLE.matcher(html).replaceAll("")).replaceAll(" ");
    text = LINK.matcher(text).replaceAll("$2 ($1)");
    text = LINE_BREAK.matcher(text).replaceAll("\n");
    text = BLOCK_END.matcher(text).replaceAll("\n\n");
    text = TAG.matcher(text).replaceAll("");
    text =
        text.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    text = text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
  }
}
