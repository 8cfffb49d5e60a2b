package dev.cairn.engine.journey.run.camunda8;

import dev.cairn.engine.journey.run.JourneyEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a step's outcome and the cluster's data translate into each other, kept apart to be tested
 * alone.
 */
final class Outcomes {

  private Outcomes() {}

  /** Retries left after a failed attempt: one fewer, never below none (none stops the step). */
  static int retriesAfterFailure(int retries) {
    return Math.max(0, retries - 1);
  }

  /** The instance's variables as steps know them: without the key Cairn correlates events by. */
  static Map<String, Object> withoutCairnVariables(Map<String, Object> variables) {
    Map<String, Object> visible = new HashMap<>(variables);
    visible.remove(ZeebeBpmn.CORRELATION_KEY);
    return visible;
  }

  /** The variables an instance starts with: the caller's and the key its waits listen under. */
  static Map<String, Object> startVariables(String correlationKey, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put(ZeebeBpmn.CORRELATION_KEY, correlationKey);
    return all;
  }

  private static final Pattern ELEMENT = Pattern.compile("^\\s*-\\s*Element:\\s*(\\S+)\\s*$");
  private static final Pattern ERROR = Pattern.compile("^\\s*-\\s*ERROR:\\s*(.+)$");

  /**
   * The cluster's reasons for refusing a deployment, per element where it names one. It lists them
   * as {@code - Element: send-welcome} followed by {@code - ERROR: ...} lines.
   */
  static List<JourneyEngine.Refusal> deployRefusals(String message) {
    List<JourneyEngine.Refusal> reasons = new ArrayList<>();
    @Nullable String element = null;
    for (String line : message.split("\\R")) {
      Matcher named = ELEMENT.matcher(line);
      Matcher error = ERROR.matcher(line);
      if (named.matches()) {
        element = named.group(1);
      } else if (error.matches()) {
        reasons.add(new JourneyEngine.Refusal(element, error.group(1).strip()));
      }
    }
    return reasons.isEmpty() ? List.of(new JourneyEngine.Refusal(null, message.strip())) : reasons;
  }
}
