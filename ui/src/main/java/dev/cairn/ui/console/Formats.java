package dev.cairn.ui.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How the console writes times: "3 min ago" where recency matters, full timestamps elsewhere. */
final class Formats {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private static final DateTimeFormatter TIME_OF_DAY =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private Formats() {}

  /** For things that happen within minutes of each other, such as a test run's steps. */
  static String timeOfDay(@Nullable Instant instant) {
    return instant == null ? "" : TIME_OF_DAY.format(instant);
  }

  static String timestamp(@Nullable Instant instant) {
    return instant == null ? "" : TIMESTAMP.format(instant);
  }

  static String ago(@Nullable Instant instant) {
    if (instant == null) {
      return "";
    }
    Duration since = Duration.between(instant, Instant.now());
    if (since.isNegative() || since.toSeconds() < 60) {
      return "just now";
    }
    if (since.toMinutes() < 60) {
      return since.toMinutes() + " min ago";
    }
    if (since.toHours() < 24) {
      return since.toHours() + " h ago";
    }
    return since.toDays() + " d ago";
  }
}
