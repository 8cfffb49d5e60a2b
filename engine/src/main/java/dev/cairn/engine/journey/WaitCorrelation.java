package dev.cairn.engine.journey;

import dev.cairn.engine.contact.ContactId;

/**
 * The key an event is published under for a journey's waits: the journey and the contact. An event
 * buffered for one journey's wait (it outlives its publishing briefly, for a contact about to wait)
 * can then never be caught by a wait of another journey, such as one the same event has just
 * started.
 */
public final class WaitCorrelation {

  /** How {@code journey_version.correlation} names the versions keyed by journey and contact. */
  public static final String BY_JOURNEY = "journey";

  private WaitCorrelation() {}

  /** The key to publish under for a wait of {@code journeyId}. */
  public static String key(String journeyId, ContactId contact) {
    return journeyId + "|" + contact.value();
  }
}
