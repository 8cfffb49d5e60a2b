package dev.cairn.ui.writekey;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A write key as the console shows it: never the key itself, which only its creator saw once.
 *
 * @param lastUsedAt when it last authenticated a call (to the minute), null when never
 * @param revokedAt when an admin revoked it, null while it works
 */
public record WriteKey(
    long id,
    String name,
    WriteKeyScope scope,
    Instant createdAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
