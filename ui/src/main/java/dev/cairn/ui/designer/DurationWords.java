package dev.cairn.ui.designer;

import java.time.Duration;
import java.time.Period;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as a marketer says them ("3 days", "1 hour", "2 weeks") and as the journey language
 * stores them (ISO 8601: P3D, PT1H, P2W), both ways.
 */
final class DurationWords {

  /** The units the designer offers, largest first. */
  enum Unit {
    MINUTES("minute", "PT%dM"),
    HOURS("hour", "PT%dH"),
    DAYS("day", "P%dD"),
    WEEKS("week", "P%dW"),
    MONTHS("month", "P%dM");

    private final String word;
    private final String iso;

    Unit(String word, String iso) {
      this.word = word;
      this.iso = iso;
    }

    String words(long amount) {
      return amount + " " + word + (amount == 1 ? "" : "s");
    }

    String iso(long amount) {
      return String.format(Locale.ROOT, iso, amount);
    }

    String label() {
      return word + "s";
    }
  }

  /** An amount of a unit. */
  record Amount(long amount, Unit unit) {
    String iso() {
      return unit.iso(amount);
    }

    String words() {
      return unit.words(amount);
    }
  }

  private static final Pattern WORDS =
      Pattern.compile(
          "(\\d+)\\s*(minute|min|hour|hr|h|day|d|week|w|month)s?", Pattern.CASE_INSENSITIVE);

  private DurationWords() {}

  /**
   * P3D → 3 days; what the designer cannot say in one unit is read as its total in the smallest.
   */
  static Optional<Amount> ofIso(String iso) {
    String text = iso.strip().toUpperCase(Locale.ROOT);
    try {
      if (text.startsWith("PT")) {
        Duration duration = Duration.parse(text);
        long minutes = duration.toMinutes();
        if (minutes > 0 && minutes % 60 == 0) {
          return Optional.of(new Amount(minutes / 60, Unit.HOURS));
        }
        return Optional.of(new Amount(minutes, Unit.MINUTES));
      }
      if (text.startsWith("P") && !text.contains("T")) {
        Period period = Period.parse(text);
        if (period.getYears() == 0 && period.getMonths() > 0 && period.getDays() == 0) {
          return Optional.of(new Amount(period.getMonths(), Unit.MONTHS));
        }
        if (period.getYears() == 0 && period.getMonths() == 0) {
          int days = period.getDays();
          return Optional.of(
              days > 0 && days % 7 == 0
                  ? new Amount(days / 7, Unit.WEEKS)
                  : new Amount(days, Unit.DAYS));
        }
      }
    } catch (RuntimeException notIso) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** "3 days", "1 hour", "2w" → the amount; empty when it is not a duration. */
  static Optional<Amount> ofWords(String words) {
    Matcher matcher = WORDS.matcher(words.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    Unit unit =
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
          case "minute", "min" -> Unit.MINUTES;
          case "hour", "hr", "h" -> Unit.HOURS;
          case "day", "d" -> Unit.DAYS;
          case "week", "w" -> Unit.WEEKS;
          default -> Unit.MONTHS;
        };
    return Optional.of(new Amount(amount, unit));
  }

  /** What the canvas calls a wait of this long. */
  static String waitName(String iso) {
    return ofIso(iso).map(amount -> "Wait " + amount.words()).orElse("Wait");
  }
}
