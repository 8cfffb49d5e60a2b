package dev.cairn.engine.journey.check;

import dev.cairn.engine.journey.language.NodeKind;
import dev.cairn.engine.journey.language.Step;
import dev.cairn.engine.step.StepHandler;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.ComplexGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Steps: every task the engine hands to a job worker must be a step Cairn knows, with the headers
 * that step needs and a configuration the step accepts; elements nobody in Cairn would ever
 * complete are refused.
 */
final class StepChecks {

  private final BpmnModelInstance model;
  private final Map<String, StepHandler> steps;

  StepChecks(BpmnModelInstance model, Map<String, StepHandler> steps) {
    this.model = model;
    this.steps = steps;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String unsupported = unsupported(node);
      if (unsupported != null) {
        problems.add(new Problem(node.getId(), Label.quoted(node) + " " + unsupported));
      } else if (node instanceof Task task && NodeKind.isStep(task)) {
        step(task, Step.of(task), problems);
      }
    }
    return problems;
  }

  private void step(Task task, Step drawn, List<Problem> problems) {
    String type = drawn.type();
    if (type == null || type.isBlank()) {
      problems.add(
          new Problem(
              task.getId(),
              Label.quoted(task)
                  + " does not say which step it is; replace it with a step from the palette."));
      return;
    }
    StepHandler step = steps.get(type);
    if (step == null) {
      problems.add(
          new Problem(
              task.getId(),
              Label.quoted(task)
                  + " is not a step Cairn knows (type "
                  + type
                  + "); replace it with a step from the palette."));
      return;
    }
    Map<String, String> headers = drawn.headers();
    List<String> missing =
        step.requiredHeaders().stream()
            .filter(required -> isBlank(headers.get(required)))
            .sorted()
            .toList();
    for (String required : missing) {
      problems.add(
          new Problem(
              task.getId(),
              step.displayName()
                  + " "
                  + Label.quoted(task)
                  + " needs "
                  + step.describe(required)
                  + "."));
    }
    // A step judges its own configuration only once it is complete, as the SPI promises.
    if (missing.isEmpty()) {
      for (String problem : step.problems(headers)) {
        problems.add(
            new Problem(
                task.getId(), step.displayName() + " " + Label.quoted(task) + ": " + problem));
      }
    }
  }

  private static @Nullable String unsupported(FlowNode node) {
    return switch (node) {
      case UserTask task ->
          "is a user task, which nobody in Cairn works on: contacts would wait there forever. Use a step from the palette instead.";
      case ReceiveTask task ->
          "is a receive task; to wait for an event, use a \"wait for event\" with a timeout instead.";
      case CallActivity call ->
          "calls another process, which a journey cannot do; draw those steps in this journey instead.";
      case ComplexGateway gateway ->
          "is a complex gateway, which the engine cannot run; use a branch instead.";
      case ThrowEvent thrown
          when !thrown.getChildElementsByType(MessageEventDefinition.class).isEmpty() ->
          "sends a BPMN message, which nobody receives in Cairn; to tell someone, use a \"Notify team\" or \"Call webhook\" step instead.";
      default -> null;
    };
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
