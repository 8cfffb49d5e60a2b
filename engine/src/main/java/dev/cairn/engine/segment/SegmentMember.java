package dev.cairn.engine.segment;

import dev.cairn.engine.contact.ContactId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A contact in a segment (or matching a rule being built). */
public record SegmentMember(
    ContactId contactId,
    @Nullable String externalId,
    @Nullable String email,
    String name,
    @Nullable Instant since) {}
