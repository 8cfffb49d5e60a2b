package dev.cairn.engine.contact;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the contacts list shows: a search text (id, email or name) and, optionally, only members of
 * a segment, contacts at a lifecycle stage, with a tag, or on a list.
 */
public record ContactFilter(
    @Nullable String query,
    @Nullable String segmentId,
    @Nullable String lifecycleStage,
    @Nullable String tag,
    @Nullable String listId) {

  /** Any list. */
  public ContactFilter(
      @Nullable String query,
      @Nullable String segmentId,
      @Nullable String lifecycleStage,
      @Nullable String tag) {
    this(query, segmentId, lifecycleStage, tag, null);
  }

  /** The lifecycle stages, in the order a customer passes them. */
  public static final List<String> STAGES =
      List.of(
          "visitor",
          "subscriber",
          "lead",
          "first-time customer",
          "repeat customer",
          "loyal customer",
          "at-risk",
          "lapsed");

  public static ContactFilter search(@Nullable String query) {
    return new ContactFilter(query, null, null, null, null);
  }
}
