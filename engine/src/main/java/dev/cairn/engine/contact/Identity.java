package dev.cairn.engine.contact;

import org.jspecify.annotations.Nullable;

/**
 * How an incoming call names a contact: the customer's own user id, an anonymous (device / cookie)
 * id, or both. At least one is required.
 */
public record Identity(@Nullable String userId, @Nullable String anonymousId) {

  public Identity {
    userId = blankToNull(userId);
    anonymousId = blankToNull(anonymousId);
    if (userId == null && anonymousId == null) {
      throw new IllegalArgumentException("either userId or anonymousId is required");
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
