package dev.cairn.channels.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a "call webhook" step posts, and how long it waits for an answer: the step's {@code url}
 * and {@code timeout} headers, checked.
 *
 * @param url an absolute http or https address
 * @param timeout more than zero, at most {@link #LONGEST_TIMEOUT}
 */
record WebhookTarget(URI url, Duration timeout) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A step holds its contact while it waits; a receiver slower than this should answer first and
   * work later.
   */
  static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(60);

  WebhookTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    if (urlProblem(url.toString()) != null || timeoutProblem(timeout.toString()) != null) {
      throw new IllegalArgumentException("not a webhook target: " + url + " within " + timeout);
    }
  }

  /**
   * The step's target, or what is wrong with its headers in a marketer's words (starting in lower
   * case).
   */
  static List<String> problems(Map<String, String> headers) {
    List<String> problems = new ArrayList<>();
    String urlProblem = urlProblem(Objects.requireNonNullElse(headers.get("url"), ""));
    if (urlProblem != null) {
      problems.add(urlProblem);
    }
    String timeout = headers.get("timeout");
    if (timeout != null && !timeout.isBlank()) {
      String timeoutProblem = timeoutProblem(timeout);
      if (timeoutProblem != null) {
        problems.add(timeoutProblem);
      }
    }
    return problems;
  }

  /** The target the headers describe; only for headers without {@link #problems}. */
  static WebhookTarget of(Map<String, String> headers) {
    String timeout = headers.get("timeout");
    return new WebhookTarget(
        URI.create(Objects.requireNonNull(headers.get("url")).strip()),
        timeout == null || timeout.isBlank() ? DEFAULT_TIMEOUT : Duration.parse(timeout.strip()));
  }

  /** The address as the timeline shows it: without a query or user info, which may hold tokens. */
  String shownUrl() {
    return url.getScheme()
        + "://"
        + url.getRawAuthority().replaceFirst("^.*@", "")
        + Objects.requireNonNullElse(url.getRawPath(), "");
  }

  private static @Nullable String urlProblem(String text) {
    String url = text.strip();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "the address \"" + url + "\" is not a web address (" + e.getReason() + ").";
    }
    if (!uri.isAbsolute() || uri.getHost() == null) {
      return "the address \""
          + url
          + "\" is not a full web address; start it with https:// and the server's name.";
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "the address \""
          + url
          + "\" is not a web address; a webhook is called over https:// (or http://).";
    }
    return null;
  }

  private static @Nullable String timeoutProblem(String text) {
    Duration timeout;
    try {
      timeout = Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      return "the timeout \""
          + text.strip()
          + "\" is not a duration; write it like PT10S (10 seconds) or PT1M (a minute).";
    }
    if (timeout.isNegative() || timeout.isZero()) {
      return "the timeout "
          + text.strip()
          + " is not long enough to get an answer; give it at least PT1S.";
    }
    if (timeout.compareTo(LONGEST_TIMEOUT) > 0) {
      return "the timeout "
          + text.strip()
          + " is longer than a webhook may take (at most PT60S, a minute).";
    }
    return null;
  }
}
