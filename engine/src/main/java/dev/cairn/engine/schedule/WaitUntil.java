package dev.cairn.engine.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When a "wait until" ends, from its setting ({@code cairn:wait-until} on a timer):
 *
 * <ul>
 *   <li>{@code 09:00} or {@code 09:00 on MON,WED,FRI}: the next such moment in the contact's zone;
 *   <li>{@code anniversary of birthday}: the next anniversary of a date trait, at {@code at} (09:00
 *       by default), moved by {@code offset} (e.g. {@code -P7D}: a week before);
 *   <li>{@code date in renewal_date}: that date itself, moved by {@code offset}.
 * </ul>
 */
public sealed interface WaitUntil {

  record TimeOfDay(LocalTime time, Set<DayOfWeek> days) implements WaitUntil {
    public TimeOfDay {
      days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }
  }

  record Anniversary(String attribute, Period offset, LocalTime at) implements WaitUntil {}

  record OnDate(String attribute, Period offset, LocalTime at) implements WaitUntil {}

  /** Reads a setting; the message of the exception says what to write instead. */
  static WaitUntil parse(String spec, @Nullable String offset, @Nullable String at) {
    String text = spec.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    Period shift = offset == null || offset.isBlank() ? Period.ZERO : period(offset.strip());
    LocalTime time = at == null || at.isBlank() ? LocalTime.of(9, 0) : time(at.strip());
    if (lower.startsWith("anniversary of ")) {
      return new Anniversary(attribute(text.substring("anniversary of ".length())), shift, time);
    }
    if (lower.startsWith("date in ")) {
      return new OnDate(attribute(text.substring("date in ".length())), shift, time);
    }
    String[] parts = lower.split("\\s+on\\s+", 2);
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (parts.length == 2) {
      for (String day : parts[1].split("[,\\s]+")) {
        days.add(day(day));
      }
    }
    return new TimeOfDay(time(parts[0].strip()), days);
  }

  /**
   * The moment the wait ends, for a contact in {@code zone} with these traits, after {@code now}.
   */
  default ZonedDateTime next(ZoneId zone, java.util.Map<String, Object> traits, Instant now) {
    ZonedDateTime local = now.atZone(zone);
    return switch (this) {
      case TimeOfDay t -> {
        ZonedDateTime candidate = local.with(t.time()).withNano(0);
        if (!candidate.isAfter(local)) {
          candidate = candidate.plusDays(1);
        }
        while (!t.days().contains(candidate.getDayOfWeek())) {
          candidate = candidate.plusDays(1);
        }
        yield candidate;
      }
      case Anniversary a -> {
        LocalDate date = date(traits.get(a.attribute()));
        if (date == null) {
          yield local;
        }
        ZonedDateTime candidate = local;
        for (int year = local.getYear() - 1; year <= local.getYear() + 1; year++) {
          candidate = date.withYear(year).plus(a.offset()).atTime(a.at()).atZone(zone);
          if (candidate.isAfter(local)) {
            break;
          }
        }
        yield candidate;
      }
      case OnDate d -> {
        LocalDate date = date(traits.get(d.attribute()));
        yield date == null ? local : date.plus(d.offset()).atTime(d.at()).atZone(zone);
      }
    };
  }

  private static @Nullable LocalDate date(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    try {
      return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String attribute(String name) {
    String attribute = name.strip().replaceFirst("^trait:", "");
    if (attribute.isEmpty()) {
      throw new IllegalArgumentException(
          "Name the contact's date attribute, e.g. \"anniversary of birthday\".");
    }
    return attribute;
  }

  private static LocalTime time(String text) {
    try {
      return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a time of day like 09:00; write 09:00, 09:00 on MON,FRI, \"anniversary of birthday\" or \"date in renewal_date\".");
    }
  }

  private static Period period(String text) {
    try {
      return Period.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "The offset \"" + text + "\" is not a period like -P7D (a week before) or P1D.");
    }
  }

  private static DayOfWeek day(String text) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(text.toUpperCase(Locale.ROOT)) && text.length() >= 2) {
        return day;
      }
    }
    throw new IllegalArgumentException(
        "\"" + text + "\" is not a day of the week; write MON, TUE, WED, THU, FRI, SAT or SUN.");
  }

  /** The zone to use: the contact's if valid, else the default. */
  public static ZoneId zone(@Nullable String contactZone, ZoneId fallback) {
    if (contactZone != null) {
      try {
        return ZoneId.of(contactZone);
      } catch (DateTimeException e) {
        return fallback;
      }
    }
    return fallback;
  }
}
