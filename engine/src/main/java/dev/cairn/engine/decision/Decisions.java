package dev.cairn.engine.decision;

import java.util.Locale;

/** How the compiler and the decision steps agree on names. */
public final class Decisions {

  /** Job type of the step inserted before a branch. */
  public static final String BRANCH = "cairn.branch";

  /** Job type of the step inserted before an A/B split. */
  public static final String SPLIT = "cairn.split";

  private Decisions() {}

  /** The instance variable holding the chosen path of a gateway: a FEEL-safe name. */
  public static String variable(String gatewayId) {
    return "path_" + gatewayId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }
}
