package dev.cairn.engine.journey.check;

import dev.cairn.engine.journey.language.Branch;
import dev.cairn.engine.journey.language.CairnSettings;
import dev.cairn.engine.journey.language.Step;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.SegmentRule;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * Consent: an SMS step texts only contacts who agreed to text messages and skips everyone else, so
 * an SMS step that contacts reach without a branch asking for SMS consent does nothing for most of
 * them, without a word. Every SMS step reachable from an entry other than through a branch path
 * whose condition requires "SMS consent is subscribed" is reported.
 */
final class ConsentChecks {

  static final String SMS_CONSENT = "sms_consent";

  private final JourneyGraph graph;

  ConsentChecks(JourneyGraph graph) {
    this.graph = graph;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    for (FlowNode node : reachableWithoutSmsConsent()) {
      if (isSmsStep(node)) {
        problems.add(
            new Problem(
                node.getId(),
                "Send SMS "
                    + Label.quoted(node)
                    + " can be reached by contacts who have not agreed to text messages; they would"
                    + " skip it unnoticed. Put a branch before it whose path to it asks \"SMS consent is subscribed\" (and send"
                    + " the others an email, or nothing)."));
      }
    }
    return problems;
  }

  /** Nodes a contact can reach from an entry along paths no SMS-consent condition guards. */
  private Set<FlowNode> reachableWithoutSmsConsent() {
    Set<FlowNode> reached = new LinkedHashSet<>();
    Deque<FlowNode> pending =
        new ArrayDeque<>(graph.nodes().stream().filter(StartEvent.class::isInstance).toList());
    while (!pending.isEmpty()) {
      FlowNode node = pending.pop();
      if (!reached.add(node)) {
        continue;
      }
      for (SequenceFlow flow : graph.outgoing(node)) {
        FlowNode target = graph.target(flow);
        if (target != null && !requiresSmsConsent(flow)) {
          pending.push(target);
        }
      }
      graph.next(node).stream().filter(BoundaryEvent.class::isInstance).forEach(pending::push);
    }
    return reached;
  }

  private static boolean isSmsStep(FlowNode node) {
    return node instanceof ServiceTask service && Step.SMS.equals(Step.of(service).type());
  }

  /** Whether only contacts subscribed to SMS may take this path (an unreadable condition: no). */
  private static boolean requiresSmsConsent(SequenceFlow flow) {
    String condition = CairnSettings.of(flow).get(Branch.CONDITION);
    if (condition == null) {
      return false;
    }
    try {
      return requiresSmsConsent(Branch.condition(condition));
    } catch (JacksonException e) {
      return false; // reported where conditions are read
    }
  }

  static boolean requiresSmsConsent(SegmentRule rule) {
    return switch (rule) {
      case SegmentRule.Attribute attribute ->
          SMS_CONSENT.equals(attribute.attribute().strip())
              && attribute.operator() == AttributeOperator.EQUALS
              && "subscribed".equalsIgnoreCase(String.valueOf(attribute.value()).strip());
      case SegmentRule.All all -> all.rules().stream().anyMatch(ConsentChecks::requiresSmsConsent);
      case SegmentRule.Any any ->
          !any.rules().isEmpty()
              && any.rules().stream().allMatch(ConsentChecks::requiresSmsConsent);
      default -> false;
    };
  }
}
