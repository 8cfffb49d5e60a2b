package dev.cairn.channels.delivery;

/** The ways Cairn reaches a contact, and its own team about a contact. */
public enum Channel {
  EMAIL,
  SMS,
  /** An internal email to team members about the contact: no consent, caps or tracking apply. */
  TEAM
}
