package dev.cairn.ui.designer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change to one element's settings, sent to the canvas, which applies it through bpmn-js's
 * modeling API as one undoable step. A null value removes the setting.
 */
final class SettingsChange {

  private final Map<String, Object> change = new LinkedHashMap<>();
  private final Map<String, @Nullable String> properties = new LinkedHashMap<>();
  private final Map<String, @Nullable String> headers = new LinkedHashMap<>();

  static SettingsChange create() {
    return new SettingsChange();
  }

  SettingsChange name(String name) {
    change.put("name", name);
    return this;
  }

  /** A zeebe:property (cairn:…); blank removes it. */
  SettingsChange property(String name, @Nullable String value) {
    properties.put(name, blankToNull(value));
    return this;
  }

  /** A zeebe:property kept with no value yet: the node asks for it (an entry without its event). */
  SettingsChange emptyProperty(String name) {
    properties.put(name, "");
    return this;
  }

  /** A step's zeebe:header; blank removes it. */
  SettingsChange header(String key, @Nullable String value) {
    headers.put(key, blankToNull(value));
    return this;
  }

  /** A wait's duration, ISO 8601 (P3D). */
  SettingsChange timer(String isoDuration) {
    change.put("timer", isoDuration);
    return this;
  }

  /** The event a "wait for event" path waits for. */
  SettingsChange message(String eventName) {
    change.put("message", eventName);
    return this;
  }

  /** Whether a branch path is the one for everyone else. */
  SettingsChange everyoneElse(boolean isDefault) {
    change.put("isDefault", isDefault);
    return this;
  }

  Map<String, Object> toMap() {
    Map<String, Object> result = new LinkedHashMap<>(change);
    if (!properties.isEmpty()) {
      result.put("properties", properties);
    }
    if (!headers.isEmpty()) {
      result.put("headers", headers);
    }
    return result;
  }

  boolean isEmpty() {
    return change.isEmpty() && properties.isEmpty() && headers.isEmpty();
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
