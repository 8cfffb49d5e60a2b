package dev.cairn.channels.template;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A template as the console lists it.
 *
 * @param updatedAt when it was last saved in the console; null for a shipped one
 * @param updatedBy who saved it
 */
public record TemplateSummary(
    String name, TemplateOrigin origin, @Nullable Instant updatedAt, @Nullable String updatedBy) {

  /** Whether this is the frame every email is placed into rather than a body a step names. */
  public boolean layout() {
    return TemplateLocale.baseName(name).equals(Templates.LAYOUT);
  }
}
