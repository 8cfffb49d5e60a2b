package dev.cairn.channels.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web links in a plain text, where a person reading it would see them end: punctuation that
 * closes the sentence ("see https://x.com/a." or "(https://x.com/a)") is not part of the link.
 */
final class LinksInText {

  /** A link and where it stands in the text ({@code end} exclusive). */
  record Found(int start, int end, String url) {
    Found {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException(
            "a link needs a place in the text: " + start + ".." + end);
      }
    }
  }

  private static final Pattern CANDIDATE =
      Pattern.compile("\\bhttps?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
  private static final String TRAILING = ".,;:!?'*";

  private LinksInText() {}

  static List<Found> find(String text) {
    List<Found> found = new ArrayList<>();
    Matcher matcher = CANDIDATE.matcher(text);
    while (matcher.find()) {
      String url = trim(matcher.group());
      if (url.indexOf("://") + 3 < url.length()) { // something after the scheme: a host
        found.add(new Found(matcher.start(), matcher.start() + url.length(), url));
      }
    }
    return found;
  }

  /** Drops sentence punctuation, and closing brackets the link did not open, from the end. */
  private static String trim(String url) {
    String trimmed = url;
    while (!trimmed.isEmpty()) {
      char last = trimmed.charAt(trimmed.length() - 1);
      boolean unopened =
          (last == ')' && count(trimmed, '(') < count(trimmed, ')'))
              || (last == ']' && count(trimmed, '[') < count(trimmed, ']'))
              || (last == '}' && count(trimmed, '{') < count(trimmed, '}'));
      if (TRAILING.indexOf(last) < 0 && !unopened) {
        return trimmed;
      }
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static long count(String text, char c) {
    return text.chars().filter(each -> each == c).count();
  }
}
