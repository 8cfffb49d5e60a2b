package dev.cairn.engine.decision;

import dev.cairn.engine.segment.InvalidSegmentException;
import dev.cairn.engine.segment.Segments;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses a branch's path for the contact: the first path whose condition the contact matches now,
 * else the default path. Conditions are segment rules, evaluated by PostgreSQL.
 */
@Component
class BranchStep implements StepHandler {

  static final TypeReference<List<BranchPath>> PATHS = new TypeReference<>() {};

  private final Segments segments;
  private final JsonMapper json;

  BranchStep(Segments segments, JsonMapper json) {
    this.segments = segments;
    this.json = json;
  }

  @Override
  public String type() {
    return Decisions.BRANCH;
  }

  @Override
  public String displayName() {
    return "Branch";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("gateway", "paths", "default");
  }

  @Override
  public StepResult perform(Step step) {
    List<BranchPath> paths = json.readValue(Objects.requireNonNull(step.header("paths")), PATHS);
    String chosen;
    try {
      chosen =
          paths.stream()
              .filter(
                  path ->
                      segments.matchesInJourney(
                          step.contactId(), path.rule(), step.processInstanceKey()))
              .map(BranchPath::flow)
              .findFirst()
              .orElse(Objects.requireNonNull(step.header("default")));
    } catch (InvalidSegmentException e) {
      // An attribute declared with a type after publishing may no longer fit the condition's
      // operator.
      return new StepResult.Rejected(e.getMessage());
    }
    return new StepResult.Completed(
        Map.of(Decisions.variable(Objects.requireNonNull(step.header("gateway"))), chosen));
  }
}
