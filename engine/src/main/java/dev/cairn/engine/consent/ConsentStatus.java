package dev.cairn.engine.consent;

import java.util.Locale;
import java.util.Optional;

/** A contact's permission on one channel. */
public enum ConsentStatus {
  /** Agreed (for email with double opt-in: confirmed). */
  SUBSCRIBED,
  /** Signed up, confirmation outstanding (double opt-in): not yet sendable. */
  PENDING,
  /** Said no, or unsubscribed. */
  UNSUBSCRIBED;

  /** Reads what senders write: subscribed / unsubscribed / pending, or true / false. */
  public static Optional<ConsentStatus> parse(Object value) {
    String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "subscribed", "true", "yes", "opted_in", "opted-in" -> Optional.of(SUBSCRIBED);
      case "unsubscribed", "false", "no", "opted_out", "opted-out" -> Optional.of(UNSUBSCRIBED);
      case "pending" -> Optional.of(PENDING);
      default -> Optional.empty();
    };
  }
}
