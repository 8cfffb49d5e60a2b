package dev.cairn.engine.journey;

import dev.cairn.engine.journey.check.Problem;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The outcome of deploying a journey's current diagram for a test run. */
public sealed interface TestDeployment {

  /**
   * Ready: instances of version {@code version} of the test-run process {@code processId} run the
   * diagram with waits fast-forwarded.
   *
   * @param awaitedEvents the events some "wait for event" of the diagram listens for
   */
  record Deployed(
      String journeyId,
      String processId,
      int version,
      @Nullable String triggerEvent,
      Set<String> awaitedEvents)
      implements TestDeployment {
    public Deployed {
      awaitedEvents = Set.copyOf(awaitedEvents);
    }
  }

  /** The diagram has problems a marketer must fix before it can run, even as a test. */
  record Rejected(String journeyId, List<Problem> problems) implements TestDeployment {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }

  /** No journey has this id. */
  record NotFound(String journeyId) implements TestDeployment {}
}
