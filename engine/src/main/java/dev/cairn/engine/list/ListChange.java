package dev.cairn.engine.list;

/** How creating, renaming or deleting a list, or changing its members, ended. */
public sealed interface ListChange {

  /** Done; {@code changed} is false when it was already so (the contact was on the list). */
  record Done(ContactList list, boolean changed) implements ListChange {}

  /** Not done, and why, in words a marketer reads ("there is already a list named Newsletter"). */
  record Refused(String reason) implements ListChange {}
}
