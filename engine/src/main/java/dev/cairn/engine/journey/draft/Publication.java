package dev.cairn.engine.journey.draft;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One published version of a journey. {@code publishedBy} and the drawing are unknown for versions
 * published before the designer kept them (from a file, or at install).
 */
public record Publication(
    String journeyId,
    int version,
    Instant publishedAt,
    @Nullable String publishedBy,
    boolean hasDrawing) {}
