package dev.cairn.engine.journey.track;

import dev.cairn.engine.contact.ContactId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A journey step that stopped for a contact and waits for a person to retry it. */
public record OpenIncident(
    long incidentKey,
    long jobKey,
    String journeyId,
    String elementId,
    @Nullable ContactId contactId,
    @Nullable String contactName,
    String errorType,
    String errorMessage,
    Instant since) {}
