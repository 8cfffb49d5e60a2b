package dev.cairn.engine.consent;

/** The channels consent is kept for. */
public enum ConsentChannel {
  EMAIL,
  SMS
}
