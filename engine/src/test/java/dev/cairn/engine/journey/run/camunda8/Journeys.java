package dev.cairn.engine.journey.run.camunda8;

import dev.cairn.engine.journey.compile.TestCompilation;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Library journeys, compiled as Cairn publishes them, for the tests of this mode. */
final class Journeys {

  private Journeys() {}

  static StepHandler step(String type) {
    return new StepHandler() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public String displayName() {
        return type;
      }

      @Override
      public Set<String> requiredHeaders() {
        return Set.of();
      }

      @Override
      public StepResult perform(Step step) {
        return StepResult.Completed.empty();
      }
    };
  }

  static String compiled(String name) {
    return TestCompilation.executableXml(
        source(name),
        List.of(step("cairn.email"), step("cairn.sms"), step("cairn.update-contact")));
  }

  static String source(String name) {
    try (InputStream in =
        Journeys.class.getResourceAsStream("/journeys/camunda8/" + name + ".bpmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
