package dev.cairn.ui.writekey;

import java.util.Set;

/** What a write key may call. */
public enum WriteKeyScope {
  /**
   * Safe to put in a website or an app: it can only send what a visitor could send about themself
   * (track, identify, page, screen, group, alias and batches of them).
   */
  SOURCE("Source", "track, identify, page, screen, group, alias, batch: safe in a website"),
  /**
   * For your own servers: everything a source key can, plus lists, journey entries, attributes and
   * bounces.
   */
  SERVER("Server", "everything, incl. lists, journey entries, attributes, bounces: keep it secret");

  private static final Set<String> EVENT_PATHS =
      Set.of(
          "/v1/track",
          "/v1/identify",
          "/v1/page",
          "/v1/screen",
          "/v1/group",
          "/v1/alias",
          "/v1/batch");

  private final String label;
  private final String description;

  WriteKeyScope(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** Whether a key of this scope may call {@code path} (the request path inside Cairn). */
  public boolean permits(String path) {
    return switch (this) {
      case SERVER -> true;
      case SOURCE -> EVENT_PATHS.contains(path);
    };
  }

  /** Whether a call to {@code path} may carry its key in the body as {@code writeKey}. */
  static boolean isEventPath(String path) {
    return EVENT_PATHS.contains(path);
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }
}
