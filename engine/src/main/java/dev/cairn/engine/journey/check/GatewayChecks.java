package dev.cairn.engine.journey.check;

import dev.cairn.engine.journey.language.Branch;
import dev.cairn.engine.journey.language.CairnSettings;
import dev.cairn.engine.journey.language.Split;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gateways: a plain branch sends every contact somewhere (each path has a condition or is the one
 * default path); a "wait for event" leads only to waits, one for an event and one for a timeout.
 * Branches and A/B splits drawn with Cairn's own conditions and weights are checked where they are
 * compiled.
 */
final class GatewayChecks {

  private final JourneyGraph graph;

  GatewayChecks(JourneyGraph graph) {
    this.graph = graph;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    for (FlowNode node : graph.nodes()) {
      if (graph.hasStrayDefault(node)) {
        problems.add(
            new Problem(
                node.getId(),
                Label.quoted(node)
                    + " has a default path that is not one of its own paths; make one of its paths the default."));
      } else if (node instanceof ExclusiveGateway gateway && !isCairnDecision(gateway)) {
        branch(gateway, problems);
      }
      if (node instanceof EventBasedGateway gateway) {
        waitForEvent(gateway, problems);
      }
    }
    return problems;
  }

  private void branch(ExclusiveGateway gateway, List<Problem> problems) {
    List<SequenceFlow> paths = graph.outgoing(gateway);
    SequenceFlow fallback = graph.defaultPath(gateway);
    if (fallback != null && hasCondition(fallback)) {
      problems.add(
          new Problem(
              fallback.getId(),
              "The default path "
                  + Label.quoted(fallback)
                  + " of "
                  + Label.quoted(gateway)
                  + " has a condition, which is never used; remove the condition, or make a path without one the default."));
    }
    if (paths.size() > 1) {
      for (SequenceFlow path : paths) {
        if (!hasCondition(path) && path != fallback) {
          problems.add(
              new Problem(
                  path.getId(),
                  "Path "
                      + Label.quoted(path)
                      + " of "
                      + Label.quoted(gateway)
                      + " has no condition and is not the default path; give it a condition or make it the default."));
        }
      }
    }
    // Conditions can all be false for some contact; without a default path, that contact is stuck.
    if (fallback == null
        && !paths.isEmpty()
        && paths.stream().allMatch(GatewayChecks::hasCondition)) {
      problems.add(
          new Problem(
              gateway.getId(),
              Label.quoted(gateway)
                  + " has no default path: contacts who meet none of its conditions would be stuck there. Make one path the"
                  + " default."));
    }
  }

  private void waitForEvent(EventBasedGateway gateway, List<Problem> problems) {
    boolean event = false;
    boolean timeout = false;
    Set<String> events = new HashSet<>();
    for (SequenceFlow path : graph.outgoing(gateway)) {
      FlowNode target = graph.target(path);
      if (target instanceof IntermediateCatchEvent wait
          && (WaitChecks.isMessage(wait) || WaitChecks.isTimer(wait))) {
        event |= WaitChecks.isMessage(wait);
        timeout |= WaitChecks.isTimer(wait);
        // The engine could not tell which branch an event belongs to.
        for (MessageEventDefinition definition :
            wait.getChildElementsByType(MessageEventDefinition.class)) {
          Message message = definition.getMessage();
          if (message != null
              && message.getName() != null
              && !message.getName().isBlank()
              && !events.add(message.getName().strip())) {
            problems.add(
                new Problem(
                    gateway.getId(),
                    Label.quoted(gateway)
                        + " waits for \""
                        + message.getName().strip()
                        + "\" on more than one branch; keep one of them."));
          }
        }
      } else if (target != null) {
        problems.add(
            new Problem(
                gateway.getId(),
                Label.quoted(gateway)
                    + " leads to "
                    + Label.quoted(target)
                    + ", which is not a wait; after a \"wait for event\" come only waits for an event or for a time, then the steps."));
      }
    }
    if (!event) {
      problems.add(
          new Problem(
              gateway.getId(),
              Label.quoted(gateway) + " waits for no event; add a branch that waits for one."));
    }
    if (!timeout) {
      problems.add(
          new Problem(
              gateway.getId(),
              Label.quoted(gateway)
                  + " has no timeout; add a branch that waits for a time, for contacts who never send the event."));
    }
  }

  private boolean isCairnDecision(ExclusiveGateway gateway) {
    return graph.outgoing(gateway).stream()
        .map(CairnSettings::of)
        .anyMatch(
            settings ->
                settings.containsKey(Branch.CONDITION) || settings.containsKey(Split.WEIGHT));
  }

  private static boolean hasCondition(SequenceFlow path) {
    ConditionExpression condition = path.getConditionExpression();
    return condition != null
        && condition.getTextContent() != null
        && !condition.getTextContent().isBlank();
  }
}
