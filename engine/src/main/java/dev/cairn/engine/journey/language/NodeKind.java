package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.util.Optional;

/**
 * A kind of node in the journey language, with the settings it was drawn with. Each kind names its
 * own {@code cairn:} settings and knows how it is read from the diagram; the checks and the
 * compiler take the vocabulary from here.
 */
public sealed interface NodeKind
    permits Entry, Step, Wait, WaitUntil, WaitForEvent, Branch, Split, Goal, End {

  /**
   * The kind of a node drawn in a journey, with its settings; none for BPMN elements the journey
   * language has no kind for (the checks say which of those a journey may not have).
   */
  static Optional<NodeKind> of(FlowNode node) {
    return Optional.ofNullable(
        switch (node) {
          case StartEvent start when start.getParentElement() instanceof Process -> Entry.of(start);
          case Task task when isStep(task) -> Step.of(task);
          case IntermediateCatchEvent wait when WaitUntil.isOne(wait) -> WaitUntil.of(wait);
          case IntermediateCatchEvent wait when WaitForEvent.Event.isOne(wait) ->
              WaitForEvent.Event.of(wait);
          case IntermediateCatchEvent wait when WaitForEvent.Timeout.isOne(wait) ->
              WaitForEvent.Timeout.of(wait);
          case IntermediateCatchEvent wait when Wait.isOne(wait) -> Wait.of(wait);
          case EventBasedGateway gateway -> new WaitForEvent.Gateway();
          case ExclusiveGateway gateway when Split.isOne(gateway) -> Split.of(gateway);
          case ExclusiveGateway gateway -> Branch.of(gateway);
          case EndEvent end -> new End();
          default -> null;
        });
  }

  /**
   * The step type of the job that performs this node, if the engine hands it to one: a step's own
   * type, or the step the compiler puts before a Cairn branch, split or "wait until".
   */
  default Optional<String> stepType() {
    return switch (this) {
      case Step step -> Optional.ofNullable(step.type());
      case WaitUntil until -> Optional.of(WaitUntil.STEP_TYPE);
      case Branch branch ->
          branch.conditions().isEmpty() ? Optional.empty() : Optional.of(Branch.STEP_TYPE);
      case Split split -> Optional.of(Split.STEP_TYPE);
      case Entry entry -> Optional.empty();
      case Wait wait -> Optional.empty();
      case WaitForEvent wait -> Optional.empty();
      case Goal goal -> Optional.empty();
      case End end -> Optional.empty();
    };
  }

  /** Service and send tasks are always steps; script and rule tasks only when given a step type. */
  static boolean isStep(Task task) {
    return task instanceof ServiceTask
        || task instanceof SendTask
        || ((task instanceof ScriptTask || task instanceof BusinessRuleTask)
            && task.getSingleExtensionElement(ZeebeTaskDefinition.class) != null);
  }
}
