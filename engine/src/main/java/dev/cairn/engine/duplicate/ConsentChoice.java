package dev.cairn.engine.duplicate;

import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Consent on one channel in a merge. The person's latest decision stands, whichever contact heard
 * it: an unsubscribe after a sign-up wins, and so does a sign-up after an unsubscribe.
 */
public record ConsentChoice(
    ConsentChannel channel, @Nullable Consent survivor, @Nullable Consent merged) {

  public ConsentChoice {
    Objects.requireNonNull(channel, "channel");
  }

  /** The consent the contact that stays has after the merge; on a tie its own. */
  public @Nullable Consent after() {
    if (survivor == null) {
      return merged;
    }
    return merged != null && merged.changedAt().isAfter(survivor.changedAt()) ? merged : survivor;
  }

  /** Whether the merge changes the consent of the contact that stays. */
  public boolean changes() {
    return after() != survivor;
  }
}
