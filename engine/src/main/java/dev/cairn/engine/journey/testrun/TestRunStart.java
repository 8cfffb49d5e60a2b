package dev.cairn.engine.journey.testrun;

import dev.cairn.engine.journey.check.Problem;
import java.util.List;

/** The outcome of starting a test run. */
public sealed interface TestRunStart {

  record Started(long runId) implements TestRunStart {}

  /** The journey cannot run yet; the problems say what to fix, each on its element. */
  record Rejected(List<Problem> problems) implements TestRunStart {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
