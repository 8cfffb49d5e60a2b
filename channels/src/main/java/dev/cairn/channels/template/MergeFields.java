package dev.cairn.channels.template;

import dev.cairn.engine.contact.ContactProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What merge tags can name: {@code contact.first_name}, {@code contact.email}, any custom attribute
 * as {@code contact.<name>}, the contact's {@code contact.locale} ({@code fr-CA}) and {@code
 * contact.language} ({@code fr}) for branching inline, and the event that started the journey as
 * {@code event.*}.
 */
public final class MergeFields {

  private MergeFields() {}

  public static Map<String, Object> of(ContactProfile contact, Map<String, Object> variables) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("contact", contactFields(contact));
    fields.put("event", eventFields(variables.get("trigger")));
    if (variables.get("lastEvent") instanceof Map<?, ?> last) {
      fields.put("last_event", eventFields(last));
    }
    return fields;
  }

  private static Map<String, Object> contactFields(ContactProfile contact) {
    Map<String, Object> fields = new LinkedHashMap<>(contact.traits());
    putIfPresent(fields, "id", contact.id().toString());
    putIfPresent(fields, "user_id", contact.externalId());
    putIfPresent(fields, "email", contact.email());
    putIfPresent(fields, "phone", contact.phone());
    putIfPresent(fields, "first_name", contact.firstName());
    putIfPresent(fields, "last_name", contact.lastName());
    TemplateLocale.parse(contact.locale())
        .ifPresent(
            locale -> {
              fields.put("locale", locale.tag());
              fields.put("language", locale.language());
            });
    return fields;
  }

  private static Map<String, Object> eventFields(@Nullable Object event) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (event instanceof Map<?, ?> map) {
      if (map.get("properties") instanceof Map<?, ?> properties) {
        properties.forEach((key, value) -> fields.put(String.valueOf(key), value));
      }
      // The event's own name is event.event; event.name stays a property's ("Product Added" has
      // one).
      putIfPresent(fields, "event", map.get("event"));
      if (map.get("event") != null) {
        fields.putIfAbsent("name", map.get("event"));
      }
      putIfPresent(fields, "occurred_at", map.get("occurredAt"));
    }
    return fields;
  }

  private static void putIfPresent(Map<String, Object> fields, String key, @Nullable Object value) {
    if (value != null) {
      fields.put(key, value);
    }
  }
}
