package dev.cairn.channels.template;

import java.time.Instant;

/** An edited template as kept in the database. */
record StoredTemplate(
    String name, String source, long revision, Instant updatedAt, String updatedBy) {}
