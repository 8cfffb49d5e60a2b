package dev.cairn.engine.journey.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as a journey instance sees it, in its {@code trigger} and {@code lastEvent} variables:
 * what steps' merge fields ({@code event.*}) read.
 */
public final class EventVariables {

  private EventVariables() {}

  public static Map<String, Object> of(
      String event, Map<String, Object> properties, Instant occurredAt) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("event", event);
    variables.put("properties", properties);
    variables.put("occurredAt", occurredAt.toString());
    return variables;
  }
}
