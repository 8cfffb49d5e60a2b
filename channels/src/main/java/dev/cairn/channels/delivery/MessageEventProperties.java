package dev.cairn.channels.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an event about a sent message (opened, clicked, ...) says of it: message_id, journey_id,
 * element_id.
 */
public final class MessageEventProperties {

  private MessageEventProperties() {}

  /**
   * The message's properties, without the journey and step when it was not sent by one; a map to
   * add to.
   */
  public static Map<String, Object> of(
      long messageId, @Nullable String journeyId, @Nullable String elementId) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("message_id", messageId);
    if (journeyId != null) {
      properties.put("journey_id", journeyId);
    }
    if (elementId != null) {
      properties.put("element_id", elementId);
    }
    return properties;
  }
}
