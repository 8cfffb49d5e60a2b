package dev.cairn.engine.journey;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.jspecify.annotations.Nullable;

/**
 * The engine's own rules, applied to the compiled journey once Cairn's checks pass: whatever they
 * still refuse would otherwise surface only as a failed deployment. Their words are the engine's,
 * so they come last, for what Cairn's checks do not know about.
 */
final class EngineRules {

  private EngineRules() {}

  static List<Problem> check(BpmnModelInstance compiled) {
    List<Problem> problems = new ArrayList<>();
    compiled
        .validate(ZeebeDesignTimeValidators.VALIDATORS)
        .getResults()
        .forEach((element, results) -> results.stream()
            .filter(result -> result.getType() == ValidationResultType.ERROR)
            .forEach(result -> {
              FlowElement owner = owner(element);
              problems.add(
                  owner == null
                      ? new Problem(null, "The engine would refuse this journey: " + result.getMessage())
                      : new Problem(owner.getId(), "The engine would refuse " + Label.quoted(owner) + ": " + result.getMessage()));
            }));
    return problems;
  }

  /** Results often sit on a definition inside an element; the marketer sees the element. */
  private static @Nullable FlowElement owner(ModelElementInstance element) {
    for (ModelElementInstance current = element; current != null; current = current.getParentElement()) {
      if (current instanceof FlowElement flowElement) {
        return flowElement;
      }
    }
    return null;
  }
}
