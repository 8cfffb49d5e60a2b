package dev.cairn.engine.journey.compile;

import dev.cairn.engine.journey.check.Problem;
import java.util.List;

/** The outcome of compiling a diagram: executable BPMN, or every problem found. */
public sealed interface CompileResult {

  record Compiled(CompiledJourney journey) implements CompileResult {}

  record Rejected(List<Problem> problems) implements CompileResult {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
