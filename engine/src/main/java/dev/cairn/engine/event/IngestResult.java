package dev.cairn.engine.event;

import dev.cairn.engine.contact.ContactId;

/** What happened to an incoming event. */
public sealed interface IngestResult {

  /** Stored for the first time. */
  record Accepted(long eventId, ContactId contactId) implements IngestResult {}

  /** Already stored under the same message id: a retry, nothing changed. */
  record Duplicate(String messageId) implements IngestResult {}
}
