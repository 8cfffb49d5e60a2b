package dev.cairn.engine.step;

import dev.cairn.engine.contact.ContactId;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One step to perform for one contact, as the engine handed it out.
 *
 * @param jobKey the engine's key for this attempt's job; stable across retries of the same job
 * @param headers the step's configuration from the diagram (template, subject, ...)
 * @param variables the journey instance's variables (trigger event, last event, ...); one set to
 *     nothing (null, as a wait clears what a move carried over) is left out, as if never set
 */
public record Step(
    long jobKey,
    ContactId contactId,
    String journeyId,
    int journeyVersion,
    long processInstanceKey,
    String elementId,
    Map<String, String> headers,
    Map<String, Object> variables,
    int retriesLeft) {

  /** Instance variable set on test runs: steps show what they would do and send nothing. */
  public static final String TEST_RUN = "testRun";

  /** Instance variable holding a test run's correlation key, under which its events arrive. */
  public static final String TEST_RUN_KEY = "testRunKey";

  public Step {
    headers = Map.copyOf(headers);
    variables =
        variables.entrySet().stream()
            .filter(variable -> variable.getValue() != null)
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /** Whether this step belongs to a marketer's test run rather than a real contact's journey. */
  public boolean testRun() {
    return Boolean.TRUE.equals(variables.get(TEST_RUN));
  }
}
