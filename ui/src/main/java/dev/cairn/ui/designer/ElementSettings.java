package dev.cairn.ui.designer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the canvas tells the server of the selected element: its kind (as the palette names it) and
 * its Cairn settings, read from the diagram. {@code kind} is "journey" for the journey itself and
 * "path" for a connection. A split's paths say whether each is a holdout.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ElementSettings(
    String id,
    String type,
    String kind,
    @Nullable String name,
    @Nullable Map<String, String> properties,
    @Nullable Map<String, String> headers,
    @Nullable String taskType,
    @Nullable String timer,
    @Nullable String message,
    @Nullable Ref from,
    @Nullable Ref to,
    @Nullable Boolean isDefault,
    @Nullable String focus,
    @Nullable String origin,
    @Nullable List<ElementSettings> paths,
    @Nullable Boolean holdout) {

  /** The element at one end of a path. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Ref(String id, @Nullable String kind, @Nullable String name) {}

  ElementSettings {
    properties = properties == null ? Map.of() : properties;
    headers = headers == null ? Map.of() : headers;
    paths = paths == null ? List.of() : paths;
  }

  /** Whether this is the echo of a change the properties panel made itself. */
  boolean fromPanel() {
    return "panel".equals(origin);
  }

  String nameOrEmpty() {
    return name == null ? "" : name;
  }

  @Nullable String property(String name) {
    return properties.get(name);
  }

  @Nullable String header(String key) {
    return headers.get(key);
  }
}
