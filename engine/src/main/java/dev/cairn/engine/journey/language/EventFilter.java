package dev.cairn.engine.journey.language;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Property values an event must have ({@code plan=Pro, segment_id=vip}), for trigger filters and
 * for "wait for an event" with a filter. A filtered wait listens to a message of its own name,
 * {@code <event>|<filter>}, which Cairn publishes only for events that pass the filter.
 */
public record EventFilter(Map<String, String> wanted) {

  private static final char SEPARATOR = '|';

  public EventFilter {
    wanted = Map.copyOf(new TreeMap<>(wanted));
  }

  /** {@code plan=Pro, segment_id=vip}; empty when the text is not like that. */
  public static Optional<EventFilter> parse(String text) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String condition : text.split(",")) {
      String[] parts = condition.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        return Optional.empty();
      }
      wanted.put(parts[0].strip(), parts[1].strip());
    }
    return wanted.isEmpty() ? Optional.empty() : Optional.of(new EventFilter(wanted));
  }

  public boolean accepts(Map<String, Object> properties) {
    return wanted.entrySet().stream()
        .allMatch(
            entry ->
                properties.get(entry.getKey()) != null
                    && String.valueOf(properties.get(entry.getKey())).equals(entry.getValue()));
  }

  /** The message name a wait for {@code event} with this filter listens to. */
  public String messageName(String event) {
    StringBuilder name = new StringBuilder(event).append(SEPARATOR);
    wanted.forEach((key, value) -> name.append(key).append('=').append(value).append(','));
    name.setLength(name.length() - 1);
    return name.toString();
  }

  /**
   * The filter a message name carries, if it is a filtered wait's; the event's name comes before
   * it.
   */
  public static Optional<EventFilter> ofMessageName(String event, String messageName) {
    if (!messageName.startsWith(event + SEPARATOR)) {
      return Optional.empty();
    }
    return parse(messageName.substring(event.length() + 1));
  }
}
