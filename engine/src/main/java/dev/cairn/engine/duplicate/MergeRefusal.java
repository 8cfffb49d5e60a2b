package dev.cairn.engine.duplicate;

import java.util.Objects;

/** Why a merge cannot be done, with the reason in words a marketer reads; nothing was changed. */
public record MergeRefusal(Reason reason, String message) {

  public MergeRefusal {
    Objects.requireNonNull(reason, "reason");
    if (message.isBlank()) {
      throw new IllegalArgumentException("a refusal says why");
    }
  }

  public enum Reason {
    /** The contact to keep is the contact to merge. */
    SAME_CONTACT,
    /** One of the two is not in Cairn (deleted, or never there). */
    NO_SUCH_CONTACT,
    /** The contact to merge was merged into another one already. */
    ALREADY_MERGED,
    /** Both have a user id: the business's own systems know them as two people. */
    TWO_USER_IDS
  }
}
