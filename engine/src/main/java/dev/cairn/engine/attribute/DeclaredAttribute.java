package dev.cairn.engine.attribute;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A custom attribute a marketer declared: its name as traits carry it, its type and how people read
 * it.
 */
public record DeclaredAttribute(
    String name,
    AttributeType type,
    String label,
    @Nullable String description,
    Instant createdAt) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public DeclaredAttribute {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    nameProblem(name)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
    label = label == null || label.isBlank() ? name : label.strip();
    description = description == null || description.isBlank() ? null : description.strip();
  }

  /** Why a name cannot be an attribute's: lower snake case, as traits are usually named. */
  public static java.util.Optional<String> nameProblem(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return java.util.Optional.of("An attribute needs a name, e.g. plan or trial_ends_on.");
    }
    if (name.length() > 64 || !NAME.matcher(name).matches()) {
      return java.util.Optional.of(
          "\""
              + name
              + "\" is not a valid attribute name; use lower snake case (letters, digits and single underscores, starting with a letter), e.g. trial_ends_on.");
    }
    return java.util.Optional.empty();
  }
}
