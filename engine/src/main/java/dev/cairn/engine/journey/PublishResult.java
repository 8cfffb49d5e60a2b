package dev.cairn.engine.journey;

import dev.cairn.engine.journey.check.Problem;
import java.util.List;

/** The outcome of publishing a journey. */
public sealed interface PublishResult {

  /** Running; {@code version} is the engine's version number of what now runs. */
  record Published(String journeyId, int version, long processDefinitionKey)
      implements PublishResult {}

  /** Not published: the diagram has problems a marketer must fix first. */
  record Rejected(String journeyId, List<Problem> problems) implements PublishResult {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }

  /** No journey has this id. */
  record NotFound(String journeyId) implements PublishResult {}
}
