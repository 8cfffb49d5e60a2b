package dev.cairn.engine.journey.check;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.step.StepHandler;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything wrong with a journey as the marketer drew it, found before anything is compiled, so
 * that publishing lists every problem at once. One family of rules per class.
 */
public final class JourneyValidator {

  private final Map<String, StepHandler> steps;

  public JourneyValidator(Map<String, StepHandler> steps) {
    this.steps = steps;
  }

  /** {@code schema}: the attributes declared now, whose types conditions and waits must respect. */
  public List<Problem> check(
      BpmnModelInstance model, Process process, JourneyGraph graph, AttributeSchema schema) {
    List<Problem> problems = new ArrayList<>();
    problems.addAll(new EntryChecks(process).problems());
    problems.addAll(new StepChecks(model, steps).problems());
    problems.addAll(new PathChecks(graph).problems());
    problems.addAll(new GatewayChecks(graph).problems());
    problems.addAll(new WaitChecks(model, graph).problems());
    problems.addAll(new ConsentChecks(graph).problems());
    problems.addAll(new AttributeTypeChecks(model, schema).problems());
    return problems;
  }
}
