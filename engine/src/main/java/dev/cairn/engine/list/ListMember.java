package dev.cairn.engine.list;

import dev.cairn.engine.contact.ContactId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One member of a list: who, since when and how they got there ("console: admin", "import:
 * fair.csv").
 */
public record ListMember(
    ContactId contactId,
    @Nullable String userId,
    @Nullable String email,
    @Nullable String name,
    Instant addedAt,
    String source) {}
