package dev.cairn.engine.list;

/** How creating, renaming or deleting a list, or changing its members, ended. */
public sealed interface ListChange {

  /** Done; {@code changed} is false when it was already so (the contact was on the list). */
  record Done(ContactList list, boolean changed) implements ListChange {}

  /**
   * Not done: why, as a kind a caller can act on (the API answers each with its own status), and in
   * words a marketer reads ("there is already a list named Newsletter").
   */
  record Refused(Refusal refusal, String reason) implements ListChange {

    public Refused {
      if (reason.isBlank()) {
        throw new IllegalArgumentException("a refusal says why");
      }
    }
  }

  /** What kept a change from being made. */
  enum Refusal {
    /** No list has the id. */
    UNKNOWN_LIST,
    /** The name is empty or only spaces. */
    NAME_MISSING,
    /** The name is longer than a list name may be. */
    NAME_TOO_LONG,
    /**
     * Another list has this name already (compared as people read it: case and outer spaces aside).
     */
    NAME_TAKEN
  }
}
