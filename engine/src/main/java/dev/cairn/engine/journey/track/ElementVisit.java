package dev.cairn.engine.journey.track;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A contact's pass through one journey node: entered, and left unless still there. */
public record ElementVisit(
    String journeyId,
    int version,
    String elementId,
    String elementType,
    String state,
    Instant enteredAt,
    @Nullable Instant leftAt) {}
