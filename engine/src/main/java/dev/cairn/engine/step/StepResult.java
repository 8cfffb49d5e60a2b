package dev.cairn.engine.step;

import java.time.Duration;
import java.util.Map;

/** How a step ended; the engine completes or fails the job accordingly. */
public sealed interface StepResult {

  /** Done; the variables are merged into the journey instance. */
  record Completed(Map<String, Object> variables) implements StepResult {
    public Completed {
      variables = Map.copyOf(variables);
    }

    public static Completed empty() {
      return new Completed(Map.of());
    }
  }

  /** Could not be done now; the engine retries after the backoff until retries run out. */
  record Failed(String reason, Duration retryBackoff) implements StepResult {}

  /**
   * Cannot be done, and trying again would not change that (a receiver that refuses the request):
   * the engine fails the job with no retries left, so it shows as an incident at once; retrying the
   * incident tries again once the cause is fixed.
   */
  record Rejected(String reason) implements StepResult {}

  /**
   * Not now, on purpose (quiet hours): the engine hands the step out again once {@code until} has
   * passed, and the attempt does not count against its retries.
   */
  record Deferred(String reason, Duration until) implements StepResult {}
}
