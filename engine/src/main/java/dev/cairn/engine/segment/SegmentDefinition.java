package dev.cairn.engine.segment;

import org.jspecify.annotations.Nullable;

/** A segment with its rule, as the builder edits it. */
public record SegmentDefinition(SegmentSummary summary, SegmentRule rule) {

  public String id() {
    return summary.id();
  }

  public String name() {
    return summary.name();
  }

  public @Nullable String description() {
    return summary.description();
  }
}
