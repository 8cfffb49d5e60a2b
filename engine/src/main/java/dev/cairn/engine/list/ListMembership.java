package dev.cairn.engine.list;

import java.time.Instant;

/** A list a contact is on, for the contact page. */
public record ListMembership(String listId, String listName, Instant addedAt, String source) {}
