package dev.cairn.engine.event;

import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A call as the API received it, already checked for shape.
 *
 * @param messageId the sender's id for this call; a retry with the same id is stored once
 * @param name the event name for track calls ("Signed Up"), the page or screen name for page and
 *     screen calls, null otherwise
 * @param occurredAt when it happened at the source (Segment's `timestamp`)
 * @param previousId for alias calls: the id the contact was known by before {@code identity}
 */
public record IncomingEvent(
    String messageId,
    EventType type,
    Identity identity,
    @Nullable String name,
    Map<String, Object> properties,
    Traits traits,
    Instant occurredAt,
    @Nullable String previousId) {

  public IncomingEvent {
    Objects.requireNonNull(messageId, "messageId");
    if (messageId.isBlank()) {
      throw new IllegalArgumentException("messageId must not be blank");
    }
    if (type == EventType.TRACK && (name == null || name.isBlank())) {
      throw new IllegalArgumentException("a track call needs an event name");
    }
    if (type == EventType.ALIAS
        && (previousId == null || previousId.isBlank() || identity.userId() == null)) {
      throw new IllegalArgumentException("an alias call needs a previousId and a userId");
    }
    // Senders send nulls ("coupon": null); keep them, which Map.copyOf would refuse.
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** Any call but alias. */
  public IncomingEvent(
      String messageId,
      EventType type,
      Identity identity,
      @Nullable String name,
      Map<String, Object> properties,
      Traits traits,
      Instant occurredAt) {
    this(messageId, type, identity, name, properties, traits, occurredAt, null);
  }
}
