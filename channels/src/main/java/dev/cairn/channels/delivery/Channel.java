package dev.cairn.channels.delivery;

/** The ways Cairn reaches a contact. */
public enum Channel {
  EMAIL,
  SMS
}
