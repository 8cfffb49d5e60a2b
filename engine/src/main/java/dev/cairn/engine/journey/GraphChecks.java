package dev.cairn.engine.journey;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the shape of a journey as a marketer drew it: every node reachable from the entry, no
 * path that stops short of an end, every "wait for event" with a timeout, and no loop a contact
 * could run around without ever waiting.
 */
final class GraphChecks {

  private final List<Problem> problems;
  private final List<FlowNode> nodes;
  private final Map<FlowNode, List<FlowNode>> next = new HashMap<>();

  GraphChecks(BpmnModelInstance model, Process process, List<Problem> problems) {
    this.problems = problems;
    // The journey's own nodes; event sub-processes (goals) and their contents have their own rules.
    this.nodes =
        process.getChildElementsByType(FlowNode.class).stream()
            .filter(node -> !(node instanceof BoundaryEvent))
            .filter(node -> !(node instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub && sub.triggeredByEvent()))
            .toList();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      next.computeIfAbsent(flow.getSource(), key -> new ArrayList<>()).add(flow.getTarget());
    }
  }

  void check() {
    List<StartEvent> starts = nodes.stream().filter(StartEvent.class::isInstance).map(StartEvent.class::cast).toList();
    if (starts.size() == 1) {
      unreachable(starts.getFirst());
    }
    for (FlowNode node : nodes) {
      if (!(node instanceof EndEvent) && next.getOrDefault(node, List.of()).isEmpty() && !hasBoundaryExit(node)) {
        problems.add(new Problem(node.getId(), "\"" + label(node) + "\" leads nowhere; connect it to the next step or to an end."));
      }
      if (node instanceof ExclusiveGateway gateway) {
        branches(gateway);
      }
      if (node instanceof EventBasedGateway gateway) {
        waitForEvent(gateway);
      } else if (node instanceof IntermediateCatchEvent wait && isMessage(wait) && !behindEventGateway(wait) && !hasTimerBoundary(wait)) {
        problems.add(
            new Problem(
                wait.getId(),
                "\"" + label(wait) + "\" waits for an event forever; put it behind a \"wait for event\" gateway with a timeout."));
      }
    }
    loopsWithoutWait();
  }

  private void unreachable(StartEvent start) {
    Set<FlowNode> reached = new HashSet<>();
    Deque<FlowNode> pending = new ArrayDeque<>(List.of(start));
    while (!pending.isEmpty()) {
      FlowNode node = pending.pop();
      if (reached.add(node)) {
        pending.addAll(next.getOrDefault(node, List.of()));
      }
    }
    for (FlowNode node : nodes) {
      if (!reached.contains(node)) {
        problems.add(new Problem(node.getId(), "\"" + label(node) + "\" cannot be reached from the entry; connect it or delete it."));
      }
    }
  }

  /** A plain (FEEL) branch: every path needs a condition, except the one default path. */
  private void branches(ExclusiveGateway gateway) {
    List<SequenceFlow> paths =
        gateway.getModelInstance().getModelElementsByType(SequenceFlow.class).stream().filter(flow -> flow.getSource() == gateway).toList();
    boolean compiledByCairn =
        paths.stream()
            .anyMatch(flow -> JourneyCompiler.cairnProperties(flow).containsKey(DecisionNodes.CONDITION)
                || JourneyCompiler.cairnProperties(flow).containsKey(DecisionNodes.WEIGHT));
    if (paths.size() < 2 || compiledByCairn) {
      return;
    }
    for (SequenceFlow path : paths) {
      if (path.getConditionExpression() == null && gateway.getDefault() != path) {
        problems.add(
            new Problem(
                path.getId(),
                "Path \"" + label(path) + "\" of \"" + label(gateway) + "\" has no condition and is not the default path; give it a condition or make it the default."));
      }
    }
  }

  private void waitForEvent(EventBasedGateway gateway) {
    List<FlowNode> branches = next.getOrDefault(gateway, List.of());
    boolean timeout = branches.stream().anyMatch(node -> node instanceof IntermediateCatchEvent wait && isTimer(wait));
    boolean event = branches.stream().anyMatch(node -> node instanceof IntermediateCatchEvent wait && isMessage(wait));
    if (!event) {
      problems.add(new Problem(gateway.getId(), "\"" + label(gateway) + "\" waits for no event; add a branch that waits for one."));
    }
    if (!timeout) {
      problems.add(new Problem(gateway.getId(), "\"" + label(gateway) + "\" has no timeout; add a branch that waits for a time, for contacts who never send the event."));
    }
  }

  /** Loops are fine if a contact waits somewhere on them; otherwise they would spin forever. */
  private void loopsWithoutWait() {
    Set<FlowNode> reported = new HashSet<>();
    for (FlowNode start : nodes) {
      if (isWait(start) || reported.contains(start)) {
        continue;
      }
      // Depth-first over non-waiting nodes: coming back to `start` is a loop without a wait.
      Deque<FlowNode> pending = new ArrayDeque<>(next.getOrDefault(start, List.of()));
      Set<FlowNode> seen = new LinkedHashSet<>();
      while (!pending.isEmpty()) {
        FlowNode node = pending.pop();
        if (node == start) {
          problems.add(
              new Problem(
                  start.getId(),
                  "\"" + label(start) + "\" is on a loop with no wait: a contact would go round it forever. Add a wait to the loop."));
          reported.add(start);
          break;
        }
        if (!isWait(node) && seen.add(node)) {
          pending.addAll(next.getOrDefault(node, List.of()));
        }
      }
      if (reported.contains(start)) {
        return; // the first loop found is reported; once fixed, publishing shows any other
      }
    }
  }

  private boolean behindEventGateway(FlowNode node) {
    return next.entrySet().stream().anyMatch(entry -> entry.getKey() instanceof EventBasedGateway && entry.getValue().contains(node));
  }

  private static boolean hasTimerBoundary(FlowNode node) {
    return node.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .anyMatch(boundary -> boundary.getAttachedTo() == node && !boundary.getChildElementsByType(TimerEventDefinition.class).isEmpty());
  }

  private boolean hasBoundaryExit(FlowNode node) {
    return node.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .anyMatch(boundary -> boundary.getAttachedTo() == node && !next.getOrDefault(boundary, List.of()).isEmpty());
  }

  private static boolean isWait(FlowNode node) {
    return node instanceof IntermediateCatchEvent || node instanceof EventBasedGateway;
  }

  private static boolean isTimer(IntermediateCatchEvent event) {
    return !event.getChildElementsByType(TimerEventDefinition.class).isEmpty();
  }

  private static boolean isMessage(IntermediateCatchEvent event) {
    return !event.getChildElementsByType(MessageEventDefinition.class).isEmpty();
  }

  private static String label(BaseElement element) {
    String name = element.getAttributeValue("name");
    return name == null || name.isBlank() ? element.getId() : name;
  }
}
