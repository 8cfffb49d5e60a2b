package dev.cairn.engine.contact;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One row of the contacts list. */
public record ContactSummary(
    ContactId id,
    @Nullable String externalId,
    @Nullable String email,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable Instant lastSeenAt,
    @Nullable Instant createdAt,
    int engagementScore) {

  public String name() {
    return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName))
        .strip();
  }
}
