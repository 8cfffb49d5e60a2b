package dev.cairn.engine.consent;

import java.time.Instant;

/** A contact's consent on one channel, where it came from, and since when. */
public record Consent(
    ConsentChannel channel, ConsentStatus status, String source, Instant changedAt) {}
