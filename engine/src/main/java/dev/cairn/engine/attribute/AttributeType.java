package dev.cairn.engine.attribute;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The kind of value a declared attribute holds, and how a value that arrives is made into one. */
public enum AttributeType {
  STRING("text"),
  NUMBER("a number"),
  BOOLEAN("true or false"),
  DATE("a date"),
  LIST("a list of text");

  private final String expected;

  AttributeType(String expected) {
    this.expected = expected;
  }

  /** How a message names what the type wants ("a number"). */
  public String expected() {
    return expected;
  }

  /** Lower case, as the console and the API show it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What became of a value: converted to what is stored, or refused and why. */
  public sealed interface Conversion {
    record Converted(Object value) implements Conversion {}

    record Refused(String reason) implements Conversion {}
  }

  /**
   * The value as stored for this type: numbers as JSON numbers ("42" becomes 42), booleans from
   * true/false/yes/no/1/0, dates as ISO text (a date, or a time in UTC), lists as arrays of text (a
   * JSON array, or comma-separated text as a CSV cell carries it).
   */
  public Conversion convert(Object value) {
    return switch (this) {
      case STRING ->
          value instanceof Map<?, ?> || value instanceof Collection<?>
              ? refused(value)
              : new Conversion.Converted(value.toString());
      case NUMBER -> number(value);
      case BOOLEAN -> bool(value);
      case DATE -> date(value);
      case LIST -> list(value);
    };
  }

  private Conversion number(Object value) {
    if (value instanceof Number number) {
      return new Conversion.Converted(normalised(new BigDecimal(number.toString())));
    }
    if (value instanceof String text && text.strip().matches("[-+]?\\d{1,18}(\\.\\d{1,12})?")) {
      return new Conversion.Converted(normalised(new BigDecimal(text.strip())));
    }
    return refused(value);
  }

  /** 42.0 is stored as 42, so it reads as people wrote it. */
  private static Number normalised(BigDecimal number) {
    BigDecimal plain = number.stripTrailingZeros();
    if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
      return plain.longValueExact();
    }
    return plain;
  }

  private Conversion bool(Object value) {
    if (value instanceof Boolean) {
      return new Conversion.Converted(value);
    }
    if (value instanceof Number number
        && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
      return new Conversion.Converted(number.doubleValue() == 1);
    }
    if (value instanceof String text) {
      switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1" -> {
          return new Conversion.Converted(true);
        }
        case "false", "no", "0" -> {
          return new Conversion.Converted(false);
        }
        default -> {}
      }
    }
    return refused(value);
  }

  private Conversion date(Object value) {
    if (!(value instanceof String text)) {
      return refused(value);
    }
    String given = text.strip();
    try {
      return new Conversion.Converted(LocalDate.parse(given).toString());
    } catch (DateTimeParseException notADate) {
      try {
        return new Conversion.Converted(
            OffsetDateTime.parse(given)
                .withOffsetSameInstant(ZoneOffset.UTC)
                .toInstant()
                .toString());
      } catch (DateTimeParseException notATime) {
        return refused(value);
      }
    }
  }

  private Conversion list(Object value) {
    List<String> items = new ArrayList<>();
    if (value instanceof Collection<?> collection) {
      for (Object item : collection) {
        if (item == null || item instanceof Map<?, ?> || item instanceof Collection<?>) {
          return refused(value);
        }
        if (!item.toString().isBlank()) {
          items.add(item.toString().strip());
        }
      }
    } else if (value instanceof String text) {
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
    } else {
      return refused(value);
    }
    return new Conversion.Converted(List.copyOf(items));
  }

  private Conversion refused(Object value) {
    String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    String hint =
        switch (this) {
          case STRING -> "send text";
          case NUMBER -> "send a number such as 42 or 9.95";
          case BOOLEAN -> "send true or false";
          case DATE -> "send an ISO date such as 2026-03-01 or a time such as 2026-03-01T09:30:00Z";
          case LIST ->
              "send a JSON array of text such as [\"red\", \"blue\"] or comma-separated text";
        };
    return new Conversion.Refused(shown + " is not " + expected + "; " + hint);
  }
}
