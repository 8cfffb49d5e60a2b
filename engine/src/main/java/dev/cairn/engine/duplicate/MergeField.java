package dev.cairn.engine.duplicate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One attribute in a merge: its value on each contact and after the merge.
 *
 * @param name the attribute as the contact page names it ("Email", "First name", a trait's name)
 */
public record MergeField(
    String name,
    @Nullable String survivor,
    @Nullable String merged,
    @Nullable String after,
    Resolution resolution) {

  public MergeField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resolution, "resolution");
  }

  /**
   * The rule the merge applies to a single value: the contact that stays keeps its own, and takes
   * the other's only where it has none. Values equal as text ({@code ignoreCase} for email
   * addresses) are the same.
   */
  static MergeField of(
      String name, @Nullable Object survivor, @Nullable Object merged, boolean ignoreCase) {
    String kept = survivor == null ? null : String.valueOf(survivor);
    String other = merged == null ? null : String.valueOf(merged);
    if (kept == null) {
      return new MergeField(name, null, other, other, Resolution.TAKEN);
    }
    if (other == null) {
      return new MergeField(name, kept, null, kept, Resolution.KEPT);
    }
    boolean same = ignoreCase ? kept.equalsIgnoreCase(other) : kept.equals(other);
    return new MergeField(
        name, kept, other, kept, same ? Resolution.SAME : Resolution.SURVIVOR_WINS);
  }

  /** Tags add up: the contact that stays gets the other's tags too. */
  static MergeField tags(List<String> survivor, List<String> merged) {
    Set<String> after = new LinkedHashSet<>(survivor);
    after.addAll(merged);
    Resolution resolution =
        after.size() == survivor.size()
            ? (merged.isEmpty() ? Resolution.KEPT : Resolution.SAME)
            : survivor.isEmpty() ? Resolution.TAKEN : Resolution.JOINED;
    return new MergeField(
        "Tags", text(survivor), text(merged), text(List.copyOf(after)), resolution);
  }

  private static @Nullable String text(List<String> tags) {
    return tags.isEmpty() ? null : String.join(", ", tags);
  }

  /** How the value after the merge came about. */
  public enum Resolution {
    /** Both contacts have the same value. */
    SAME,
    /** Only the contact that stays has a value; it stays. */
    KEPT,
    /** Only the merged contact has a value; the contact that stays takes it. */
    TAKEN,
    /**
     * Both have a value and they differ: the contact that stays keeps its own, the other's is
     * dropped.
     */
    SURVIVOR_WINS,
    /** Both have values and the contact that stays gets all of them (tags). */
    JOINED
  }
}
