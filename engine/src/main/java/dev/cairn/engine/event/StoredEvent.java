package dev.cairn.engine.event;

import dev.cairn.engine.contact.ContactId;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An event as Cairn stored it, the input of journey triggers and message correlation. */
public record StoredEvent(
    long id,
    String messageId,
    ContactId contactId,
    EventType type,
    @Nullable String name,
    Map<String, Object> properties,
    Instant occurredAt,
    Instant receivedAt) {}
