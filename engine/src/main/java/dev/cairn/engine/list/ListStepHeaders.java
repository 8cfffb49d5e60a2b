package dev.cairn.engine.list;

import dev.cairn.engine.journey.language.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What publishing says about an "add to list / remove from list" step's headers, in a marketer's
 * words.
 */
public final class ListStepHeaders {

  /** The step's job type. */
  public static final String TYPE = Step.LIST;

  /** What the step's {@code action} header may say. */
  public static final Set<String> ACTIONS = Set.of("add", "remove");

  private ListStepHeaders() {}

  /**
   * Problems with the {@code list} and {@code action} headers; each starts in lower case, as it
   * follows the step's name.
   */
  public static List<String> problems(Map<String, String> headers, Predicate<String> listExists) {
    List<String> problems = new ArrayList<>();
    String list = headers.get("list");
    if (list != null && !listExists.test(list.strip())) {
      problems.add(
          "the list \""
              + list
              + "\" does not exist; create it under Lists first, or pick one that does.");
    }
    String action = headers.get("action");
    if (action != null && !ACTIONS.contains(action.strip())) {
      problems.add(
          "\"" + action + "\" is not something this step can do with a list; use add or remove.");
    }
    return problems;
  }
}
