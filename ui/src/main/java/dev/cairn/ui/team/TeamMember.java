package dev.cairn.ui.team;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A console account as the team page lists it (never its password hash). */
public record TeamMember(
    String username, @Nullable String email, Role role, boolean active, Instant createdAt) {}
