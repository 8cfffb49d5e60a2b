package dev.cairn.engine.contact;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as Cairn stores it: trimmed, domain in lower case, and plausible enough to send
 * to (a local part, an {@code @}, a domain with a dot). Deliverability is for the mail server to
 * say; this catches typing mistakes and fields mixed up by a form.
 */
public record EmailAddress(String value) {

  private static final int MAX_LENGTH = 254;
  private static final Pattern SHAPE =
      Pattern.compile(
          "^[^@\\s\"(),:;<>\\[\\]\\\\]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}$");

  public EmailAddress {
    if (!normalise(value).equals(Optional.of(value))) {
      throw new IllegalArgumentException("not a normalised email address: " + value);
    }
  }

  public static Optional<EmailAddress> parse(String text) {
    return normalise(text).map(EmailAddress::new);
  }

  private static Optional<String> normalise(String text) {
    String trimmed = text.strip();
    if (trimmed.length() > MAX_LENGTH || !SHAPE.matcher(trimmed).matches()) {
      return Optional.empty();
    }
    int at = trimmed.lastIndexOf('@');
    return Optional.of(
        trimmed.substring(0, at) + "@" + trimmed.substring(at + 1).toLowerCase(Locale.ROOT));
  }
}
