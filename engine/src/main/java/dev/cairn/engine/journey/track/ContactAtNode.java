package dev.cairn.engine.journey.track;

import dev.cairn.engine.contact.ContactId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A contact sitting at a node, and since when. */
public record ContactAtNode(
    ContactId contactId,
    @Nullable String externalId,
    @Nullable String email,
    String name,
    Instant since) {}
