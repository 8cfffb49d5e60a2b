package dev.cairn.engine.contact;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an identify or track call says about a contact. Well-known Segment trait names map to
 * columns; everything else is kept as a custom attribute.
 */
public record Traits(
    @Nullable String email,
    @Nullable String phone,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String timeZone,
    @Nullable String locale,
    Map<String, Object> custom) {

  private static final Set<String> WELL_KNOWN =
      Set.of(
          "email",
          "phone",
          "firstName",
          "first_name",
          "lastName",
          "last_name",
          "timezone",
          "timeZone",
          "time_zone",
          "locale");

  public Traits {
    custom = Map.copyOf(custom);
  }

  public static Traits none() {
    return new Traits(null, null, null, null, null, null, Map.of());
  }

  /** Reads Segment-style traits (`email`, `phone`, `firstName` / `first_name`, ...). */
  public static Traits fromSegment(Map<String, ?> raw) {
    Map<String, Object> custom = new LinkedHashMap<>();
    raw.forEach(
        (key, value) -> {
          if (!WELL_KNOWN.contains(key) && value != null) {
            custom.put(key, value);
          }
        });
    return new Traits(
        text(raw, "email"),
        text(raw, "phone"),
        firstText(raw, "firstName", "first_name"),
        firstText(raw, "lastName", "last_name"),
        firstText(raw, "timezone", "timeZone", "time_zone"),
        text(raw, "locale"),
        custom);
  }

  /** The same traits with the time zone and locale a sender's context reported, unless set. */
  public Traits withContext(@Nullable String contextTimeZone, @Nullable String contextLocale) {
    return new Traits(
        email,
        phone,
        firstName,
        lastName,
        timeZone != null ? timeZone : blankToNull(contextTimeZone),
        locale != null ? locale : blankToNull(contextLocale),
        custom);
  }

  /** The same traits with other custom attributes (declared ones converted to their type). */
  public Traits withCustom(Map<String, Object> replaced) {
    return new Traits(email, phone, firstName, lastName, timeZone, locale, replaced);
  }

  /** Traits after checking, and what was left out because it was not valid. */
  public record Checked(Traits traits, List<TraitProblem> problems) {
    public Checked {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Normalises email (lower-case domain), phone (E.164; numbers without a country code read as
   * {@code defaultPhoneRegion}), time zone (IANA name) and locale (BCP 47 tag). A value that is not
   * valid is left out, so the contact keeps what it had, and reported.
   */
  public Checked check(@Nullable String defaultPhoneRegion) {
    List<TraitProblem> problems = new ArrayList<>();
    String checkedEmail = null;
    if (email != null) {
      checkedEmail = EmailAddress.parse(email).map(EmailAddress::value).orElse(null);
      if (checkedEmail == null) {
        problems.add(
            new TraitProblem(
                "email",
                "\""
                    + email
                    + "\" is not an email address; the contact's email was left unchanged"));
      }
    }
    String checkedPhone = null;
    if (phone != null) {
      checkedPhone =
          PhoneNumber.parse(phone, defaultPhoneRegion).map(PhoneNumber::e164).orElse(null);
      if (checkedPhone == null) {
        problems.add(
            new TraitProblem(
                "phone",
                "\""
                    + phone
                    + "\" is not a phone number"
                    + (defaultPhoneRegion == null
                        ? "; include the country code, e.g. +4712345678"
                        : " (read as " + defaultPhoneRegion + ")")
                    + "; the contact's phone was left unchanged"));
      }
    }
    String checkedZone = null;
    if (timeZone != null) {
      try {
        checkedZone = ZoneId.of(timeZone).getId();
      } catch (DateTimeException e) {
        problems.add(
            new TraitProblem(
                "timezone",
                "\"" + timeZone + "\" is not a time zone; use an IANA name such as Europe/Oslo"));
      }
    }
    String checkedLocale = null;
    if (locale != null) {
      try {
        checkedLocale =
            new Locale.Builder().setLanguageTag(locale.replace('_', '-')).build().toLanguageTag();
      } catch (IllformedLocaleException e) {
        problems.add(
            new TraitProblem(
                "locale",
                "\"" + locale + "\" is not a locale; use a language tag such as nb-NO or en"));
      }
    }
    return new Checked(
        new Traits(
            checkedEmail, checkedPhone, firstName, lastName, checkedZone, checkedLocale, custom),
        problems);
  }

  private static @Nullable String firstText(Map<String, ?> raw, String... keys) {
    for (String key : keys) {
      String value = text(raw, key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static @Nullable String text(Map<String, ?> raw, String key) {
    Object value = raw.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
