package dev.cairn.engine.step;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Performs one kind of journey step (send an email, send an SMS, ...). Channels implement it; the
 * engine runs one job worker per step type and validates diagrams against the declared headers.
 */
public interface StepHandler {

  /** The job type service tasks of this step carry, e.g. {@code cairn.email}. */
  String type();

  /** What a marketer calls this step, for validation messages. */
  String displayName();

  /** Task headers the step cannot work without, e.g. {@code template}. */
  Set<String> requiredHeaders();

  /**
   * A required header as a marketer reads it after "needs", e.g. {@code a template}: shown when the
   * step lacks it. By default "a" and the header's name.
   */
  default String describe(String header) {
    return "a " + header;
  }

  /**
   * What is wrong with a step's configuration, in a marketer's words (a template that does not
   * exist, say), checked before a journey is published. Called only when every {@link
   * #requiredHeaders() required header} has a value; each problem is shown after the step's name,
   * as in {@code Send email "Welcome": the template "welcom" does not exist; ...}, so it starts in
   * lower case. Nothing by default.
   */
  default List<String> problems(Map<String, String> headers) {
    return List.of();
  }

  /**
   * The longest one attempt may take (a step waiting for a slow server, say); the engine holds the
   * job at least that long before handing it out again. Zero by default: the engine's usual hold.
   */
  default Duration longestAttempt() {
    return Duration.ZERO;
  }

  /**
   * Performs the step. Called at least once per job: implementations make a repeated call for the
   * same {@link Step#jobKey()} harmless.
   */
  StepResult perform(Step step);
}
