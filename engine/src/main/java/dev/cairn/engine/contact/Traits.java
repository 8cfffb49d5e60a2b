package dev.cairn.engine.contact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an identify or track call says about a contact. Well-known Segment trait names map to
 * columns; everything else is kept as a custom attribute.
 */
public record Traits(
    @Nullable String email,
    @Nullable String phone,
    @Nullable String firstName,
    @Nullable String lastName,
    Map<String, Object> custom) {

  private static final Set<String> WELL_KNOWN =
      Set.of("email", "phone", "firstName", "first_name", "lastName", "last_name");

  public Traits {
    custom = Map.copyOf(custom);
  }

  public static Traits none() {
    return new Traits(null, null, null, null, Map.of());
  }

  /** Reads Segment-style traits (`email`, `phone`, `firstName` / `first_name`, ...). */
  public static Traits fromSegment(Map<String, ?> raw) {
    Map<String, Object> custom = new LinkedHashMap<>();
    raw.forEach(
        (key, value) -> {
          if (!WELL_KNOWN.contains(key) && value != null) {
            custom.put(key, value);
          }
        });
    return new Traits(
        text(raw, "email"),
        text(raw, "phone"),
        firstText(raw, "firstName", "first_name"),
        firstText(raw, "lastName", "last_name"),
        custom);
  }

  private static @Nullable String firstText(Map<String, ?> raw, String camel, String snake) {
    String value = text(raw, camel);
    return value != null ? value : text(raw, snake);
  }

  private static @Nullable String text(Map<String, ?> raw, String key) {
    Object value = raw.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
