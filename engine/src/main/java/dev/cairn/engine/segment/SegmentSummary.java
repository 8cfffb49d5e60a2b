package dev.cairn.engine.segment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A segment as the list shows it: its size at the last refresh. */
public record SegmentSummary(
    String id,
    String name,
    @Nullable String description,
    boolean builtIn,
    long memberCount,
    @Nullable Instant refreshedAt) {}
