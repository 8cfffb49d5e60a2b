package dev.cairn.engine.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A phone number in E.164 form (+4712345678), the form SMS providers and dedupe need. */
public record PhoneNumber(String e164) {

  private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

  public PhoneNumber {
    if (!e164.matches("\\+[1-9][0-9]{6,14}")) {
      throw new IllegalArgumentException("not an E.164 phone number: " + e164);
    }
  }

  /**
   * Reads a number as people type it ("+47 123 45 678", "(415) 555-0132"). Numbers without a
   * country code are read as numbers of {@code defaultRegion} (ISO 3166 code such as "US"); with no
   * default region they must start with +.
   */
  public static Optional<PhoneNumber> parse(String text, @Nullable String defaultRegion) {
    try {
      var number = NUMBERS.parse(text.strip(), defaultRegion == null ? "ZZ" : defaultRegion);
      if (!NUMBERS.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(
          new PhoneNumber(NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
