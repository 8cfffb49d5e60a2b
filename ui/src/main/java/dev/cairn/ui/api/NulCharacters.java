package dev.cairn.ui.api;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Finds a NUL character ({@code \u0000}) in a request body, in any string value or key, however
 * deeply nested. PostgreSQL cannot store NUL in text or jsonb, so a call holding one is refused
 * with the field named, instead of failing to store for ever.
 */
final class NulCharacters {

  private static final char NUL = '\0';

  private NulCharacters() {}

  /** The first field holding a NUL, as what to fix; empty when there is none. */
  static Optional<FieldError> find(JsonNode root) {
    return find(root, "");
  }

  private static Optional<FieldError> find(JsonNode node, String pointer) {
    if (node.isString()) {
      return node.asString().indexOf(NUL) >= 0
          ? Optional.of(
              new FieldError(
                  pointer.isEmpty() ? "/" : pointer,
                  "contains a NUL character (\\u0000), which Cairn cannot store; remove it"))
          : Optional.empty();
    }
    if (node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        Optional<FieldError> found = find(node.get(index), pointer + "/" + index);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = pointer + "/" + escape(field.getKey());
        if (field.getKey().indexOf(NUL) >= 0) {
          return Optional.of(
              new FieldError(
                  child,
                  "this field's name contains a NUL character (\\u0000), which Cairn cannot store;"
                      + " rename it"));
        }
        Optional<FieldError> found = find(field.getValue(), child);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** A key as a JSON Pointer segment, with the NUL shown as its escape. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1").replace("\0", "\\u0000");
  }
}
