package dev.cairn.engine.journey;

/** Where a journey is in its life: drawn, running, paused for new contacts, or stopped. */
public enum JourneyStatus {
  DRAFT,
  PUBLISHED,
  /** Published, but taking no new contacts; those inside go on. */
  PAUSED,
  /** Ended: everyone inside was taken out, with a reason. Publishing again starts it afresh. */
  STOPPED
}
