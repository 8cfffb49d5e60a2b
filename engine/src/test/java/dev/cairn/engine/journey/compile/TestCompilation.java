package dev.cairn.engine.journey.compile;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.journey.JourneyProperties;
import dev.cairn.engine.step.StepHandler;
import java.util.List;

/** Compiles a journey as publishing does, for tests of the engine adapters outside this package. */
public final class TestCompilation {

  private TestCompilation() {}

  /** The executable XML of the journey, which must compile with these step kinds. */
  public static String executableXml(String sourceXml, List<StepHandler> steps) {
    JourneyCompiler compiler =
        new JourneyCompiler(steps, new JourneyProperties(null, null, null), AttributeSchema::none);
    if (!(compiler.compile(sourceXml) instanceof CompileResult.Compiled compiled)) {
      throw new AssertionError("the journey does not compile: " + compiler.compile(sourceXml));
    }
    return compiled.journey().executableXml();
  }
}
