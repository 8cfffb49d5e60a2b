package dev.cairn.engine.journey;

import org.jspecify.annotations.Nullable;

/**
 * One row of the journey list.
 *
 * @param unpublishedChanges the diagram changed since its latest version was published
 */
public record JourneySummary(
    String id,
    String name,
    @Nullable String description,
    JourneyStatus status,
    @Nullable String triggerEvent,
    @Nullable Integer latestVersion,
    boolean unpublishedChanges) {}
