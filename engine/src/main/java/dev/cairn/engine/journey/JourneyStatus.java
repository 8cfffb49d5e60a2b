package dev.cairn.engine.journey;

/** Where a journey is in its life: drawn, running for new contacts, or closed to new entries. */
public enum JourneyStatus {
  DRAFT,
  PUBLISHED,
  PAUSED
}
