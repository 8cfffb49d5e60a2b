package dev.cairn.engine.journey.draft;

import java.time.Instant;

/** The diagram a marketer is drawing for a journey, as last saved. */
public record Draft(String journeyId, String sourceXml, Instant savedAt, String savedBy) {}
