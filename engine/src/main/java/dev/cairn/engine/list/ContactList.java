package dev.cairn.engine.list;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A list as the console shows it: its id, name, description and how many members it has. */
public record ContactList(
    String id, String name, @Nullable String description, Instant createdAt, long members) {}
