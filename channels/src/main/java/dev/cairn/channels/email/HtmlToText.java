package dev.cairn.channels.email;

import java.util.regex.Pattern;

/** The plain-text part of an email, derived from its HTML so the two never disagree. */
final class HtmlToText {

  private static final Pattern INVISIBLE = Pattern.compile("(?is)<(head|style|script)[^>]*>.*?</\\1>");
  private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>");
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|h[1-6]|li|tr)>");
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n\\s*(\\n\\s*)+");

  private HtmlToText() {}

  static String convert(String html) {
    String text = INVISIBLE.matcher(html).replaceAll("");
    text = LINK.matcher(text).replaceAll("$2 ($1)");
    text = BREAK.matcher(text).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    text = SPACES.matcher(text).replaceAll(" ");
    text = text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
  }
}
