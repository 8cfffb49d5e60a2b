package dev.cairn.engine.journey.check;

import org.jspecify.annotations.Nullable;

/** Something wrong with a diagram, on the element it belongs to, in a marketer's words. */
public record Problem(@Nullable String elementId, String message) {

  @Override
  public String toString() {
    return elementId == null ? message : elementId + ": " + message;
  }
}
