package dev.cairn.ui.bench;

import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A step that does nothing but note when it was performed (nanoTime), per contact: the bare
 * engine's stand-in for sending an email.
 */
final class NoopSteps implements StepHandler {

  static final String TYPE = "bench.noop";

  private final Map<String, Long> performed = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String displayName() {
    return "No-op (benchmark)";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of();
  }

  @Override
  public StepResult perform(Step step) {
    performed.putIfAbsent(step.contactId().toString(), System.nanoTime());
    return StepResult.Completed.empty();
  }

  Long performedFor(String contactId) {
    return performed.get(contactId);
  }
}
