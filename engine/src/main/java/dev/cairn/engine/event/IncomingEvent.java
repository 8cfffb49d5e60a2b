package dev.cairn.engine.event;

import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A track or identify call as the API received it, already checked for shape.
 *
 * @param messageId the sender's id for this call; a retry with the same id is stored once
 * @param name the event name for track calls ("Signed Up"), null for identify
 * @param occurredAt when it happened at the source (Segment's `timestamp`)
 */
public record IncomingEvent(
    String messageId,
    EventType type,
    Identity identity,
    @Nullable String name,
    Map<String, Object> properties,
    Traits traits,
    Instant occurredAt) {

  public IncomingEvent {
    Objects.requireNonNull(messageId, "messageId");
    if (messageId.isBlank()) {
      throw new IllegalArgumentException("messageId must not be blank");
    }
    if (type == EventType.TRACK && (name == null || name.isBlank())) {
      throw new IllegalArgumentException("a track call needs an event name");
    }
    properties = Map.copyOf(properties);
  }
}
