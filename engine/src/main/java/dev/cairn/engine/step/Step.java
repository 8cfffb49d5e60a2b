package dev.cairn.engine.step;

import dev.cairn.engine.contact.ContactId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step to perform for one contact, as the engine handed it out.
 *
 * @param jobKey the engine's key for this attempt's job; stable across retries of the same job
 * @param headers the step's configuration from the diagram (template, subject, ...)
 * @param variables the journey instance's variables (trigger event, last event, ...)
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

  public Step {
    headers = Map.copyOf(headers);
    variables = Map.copyOf(variables);
  }

  public @Nullable String header(String name) {
    return headers.get(name);
  }
}
