package dev.cairn.engine.journey.compile;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.decision.BranchPath;
import dev.cairn.engine.decision.Decisions;
import dev.cairn.engine.decision.SplitVariant;
import dev.cairn.engine.journey.check.Label;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.check.TypedConditions;
import dev.cairn.engine.journey.language.Branch;
import dev.cairn.engine.journey.language.CairnSettings;
import dev.cairn.engine.journey.language.Goal;
import dev.cairn.engine.journey.language.Split;
import dev.cairn.engine.journey.language.Step;
import dev.cairn.engine.segment.InvalidSegmentException;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.Segments;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles the marketing nodes BPMN has no element for into plain BPMN:
 *
 * <ul>
 *   <li>a <b>branch</b> (exclusive gateway whose paths carry {@code cairn:condition}, a segment
 *       rule as JSON) gets a step before it that evaluates the conditions in PostgreSQL, and its
 *       paths conditions on the step's answer;
 *   <li>an <b>A/B split</b> (paths with {@code cairn:weight}, percentages adding up to 100) gets a
 *       step that assigns each contact a variant, always the same one;
 *   <li>a <b>goal</b> ({@code cairn:goal-event} on the process) becomes an interrupting event
 *       sub-process: when the contact sends that event, wherever they are, the journey ends for
 *       them as a conversion.
 * </ul>
 */
final class DecisionNodes {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BpmnModelInstance model;
  private final List<Problem> problems;
  private final AttributeSchema schema;

  DecisionNodes(BpmnModelInstance model, List<Problem> problems, AttributeSchema schema) {
    this.model = model;
    this.problems = problems;
    this.schema = schema;
  }

  void compile(Process process) {
    for (ExclusiveGateway gateway :
        List.copyOf(model.getModelElementsByType(ExclusiveGateway.class))) {
      Map<SequenceFlow, String> conditions = Branch.conditionsOf(gateway);
      Map<SequenceFlow, String> weights = Split.weightsOf(gateway);
      if (!conditions.isEmpty() && !weights.isEmpty()) {
        problems.add(
            new Problem(
                gateway.getId(),
                "\""
                    + Label.of(gateway)
                    + "\" mixes conditions and A/B weights; make it a branch or a split."));
      } else if (!conditions.isEmpty()) {
        branch(gateway, conditions);
      } else if (!weights.isEmpty()) {
        split(gateway, weights);
      }
    }
    Goal goal = Goal.of(process);
    if (goal.goalEvent() != null) {
      goal(process, goal.goalEvent().strip());
    }
    if (goal.exitOn() != null) {
      exits(process, goal.exitOn());
    }
  }

  /**
   * {@code cairn:exit-on} ("Email Unsubscribed, SMS Unsubscribed"): when the contact sends one of
   * these events, wherever they are, they leave the journey at an "Exited" end, not counted as a
   * conversion.
   */
  private void exits(Process process, String events) {
    List<String> names =
        java.util.Arrays.stream(events.split(","))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .toList();
    if (names.isEmpty()) {
      problems.add(
          new Problem(
              process.getId(),
              "The journey's exit events are empty; name them (e.g. Email Unsubscribed), or remove the setting."));
      return;
    }
    for (int index = 0; index < names.size(); index++) {
      String suffix = names.size() == 1 ? "" : "-" + (index + 1);
      eventSubProcess(
          process,
          names.get(index),
          "cairn-exit" + suffix,
          "Exit: " + names.get(index),
          "exit-event" + suffix,
          "exited" + suffix,
          "Exited",
          "exit-flow" + suffix);
    }
  }

  /** An engagement condition must name a step of this journey that sends a message. */
  private List<Problem> engagementProblems(SequenceFlow flow, SegmentRule rule) {
    List<Problem> found = new ArrayList<>();
    Deque<SegmentRule> pending = new ArrayDeque<>(List.of(rule));
    while (!pending.isEmpty()) {
      switch (pending.pop()) {
        case SegmentRule.All all -> pending.addAll(all.rules());
        case SegmentRule.Any any -> pending.addAll(any.rules());
        case SegmentRule.Engagement engagement -> {
          ModelElementInstance step = model.getModelElementById(engagement.step().strip());
          if (!(step instanceof ServiceTask service && Step.of(service).sendsMessage())) {
            found.add(
                new Problem(
                    flow.getId(),
                    "Path \""
                        + Label.of(flow)
                        + "\" asks whether the contact "
                        + engagement.action().name().toLowerCase(java.util.Locale.ROOT)
                        + " the message of \""
                        + engagement.step()
                        + "\", which is not a send email or SMS step of this journey; name"
                        + " one by its id."));
          }
        }
        default -> {}
      }
    }
    return found;
  }

  private void branch(ExclusiveGateway gateway, Map<SequenceFlow, String> conditions) {
    List<BranchPath> paths = new ArrayList<>();
    for (var entry : conditions.entrySet()) {
      SequenceFlow flow = entry.getKey();
      try {
        SegmentRule rule = Branch.condition(entry.getValue());
        // Comparisons that do not fit an attribute's declared type are reported by
        // AttributeTypeChecks, in a marketer's words.
        Segments.checkBranch(TypedConditions.withoutMismatches(rule, schema), schema);
        engagementProblems(flow, rule).forEach(problems::add);
        paths.add(new BranchPath(flow.getId(), rule));
      } catch (JacksonException e) {
        problems.add(
            new Problem(
                flow.getId(),
                "The condition of path \""
                    + Label.of(flow)
                    + "\" cannot be read: "
                    + e.getOriginalMessage()));
      } catch (InvalidSegmentException e) {
        problems.add(
            new Problem(flow.getId(), "Path \"" + Label.of(flow) + "\": " + e.getMessage()));
      }
    }
    SequenceFlow fallback = gateway.getDefault();
    if (fallback == null) {
      List<SequenceFlow> unconditioned =
          outgoing(gateway).stream().filter(flow -> !conditions.containsKey(flow)).toList();
      if (unconditioned.size() == 1) {
        fallback = unconditioned.getFirst();
        gateway.setDefault(fallback);
      } else {
        problems.add(
            new Problem(
                gateway.getId(),
                "\""
                    + Label.of(gateway)
                    + "\" needs exactly one path without a condition, for contacts who match none."));
        return;
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("gateway", gateway.getId());
    headers.put("paths", JSON.writeValueAsString(paths));
    headers.put("default", fallback.getId());
    StepInsertion.before(
        model,
        gateway,
        "-decide",
        "-decided",
        "Evaluate " + Label.of(gateway),
        Branch.STEP_TYPE,
        headers);
    conditions.keySet().forEach(flow -> chooses(flow, gateway));
  }

  private void split(ExclusiveGateway gateway, Map<SequenceFlow, String> weights) {
    List<SplitVariant> variants = new ArrayList<>();
    int total = 0;
    for (SequenceFlow flow : outgoing(gateway)) {
      String weight = weights.get(flow);
      if (weight == null) {
        problems.add(
            new Problem(
                flow.getId(),
                "Variant \""
                    + Label.of(flow)
                    + "\" of \""
                    + Label.of(gateway)
                    + "\" needs a weight in percent."));
        continue;
      }
      try {
        int percent = Integer.parseInt(weight.strip());
        if (percent < 0 || percent > 100) {
          throw new NumberFormatException();
        }
        total += percent;
        variants.add(new SplitVariant(flow.getId(), percent));
      } catch (NumberFormatException e) {
        problems.add(
            new Problem(
                flow.getId(),
                "The weight of \""
                    + Label.of(flow)
                    + "\" must be a whole percentage (0-100), not \""
                    + weight
                    + "\"."));
      }
    }
    if (total != 100 && variants.size() == outgoing(gateway).size()) {
      problems.add(
          new Problem(
              gateway.getId(),
              "The weights of \"" + Label.of(gateway) + "\" add up to " + total + "%, not 100%."));
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("gateway", gateway.getId());
    headers.put("variants", JSON.writeValueAsString(variants));
    StepInsertion.before(
        model,
        gateway,
        "-decide",
        "-decided",
        "Assign " + Label.of(gateway),
        Split.STEP_TYPE,
        headers);
    weights.keySet().forEach(flow -> chooses(flow, gateway));
  }

  private void chooses(SequenceFlow flow, ExclusiveGateway gateway) {
    ConditionExpression condition = model.newInstance(ConditionExpression.class);
    condition.setTextContent(
        "${" + Decisions.variable(gateway.getId()) + " == '" + flow.getId() + "'}");
    flow.setConditionExpression(condition);
    removeCairnProperties(flow);
  }

  private void goal(Process process, String event) {
    if (event.isEmpty()) {
      problems.add(
          new Problem(
              process.getId(),
              "The journey's goal needs the event that counts as reaching it, e.g. Order Completed."));
      return;
    }
    eventSubProcess(
        process,
        event,
        "cairn-goal",
        "Goal: " + event,
        "goal-reached",
        "goal-converted",
        "Converted",
        "goal-flow");
  }

  /**
   * An interrupting event sub-process: this event, wherever the contact is, ends the journey at
   * {@code endId}.
   */
  private void eventSubProcess(
      Process process,
      String event,
      String id,
      String name,
      String startId,
      String endId,
      String endName,
      String flowId) {
    Message message = model.newInstance(Message.class);
    message.setId(id + "-message");
    message.setName(event);
    model.getDefinitions().addChildElement(message);

    SubProcess handler = model.newInstance(SubProcess.class);
    handler.setId(id);
    handler.setName(name);
    handler.setTriggeredByEvent(true);
    process.addChildElement(handler);
    StartEvent reached = model.newInstance(StartEvent.class);
    reached.setId(startId);
    reached.setName(event);
    reached.setInterrupting(true);
    handler.addChildElement(reached);
    MessageEventDefinition definition = model.newInstance(MessageEventDefinition.class);
    definition.setMessage(message);
    reached.getEventDefinitions().add(definition);
    EndEvent end = model.newInstance(EndEvent.class);
    end.setId(endId);
    end.setName(endName);
    handler.addChildElement(end);
    StepInsertion.connect(model, handler, reached, end, flowId);
  }

  /** Paths leaving a node, by the flows' source (diagrams need not list them on the node). */
  private List<SequenceFlow> outgoing(FlowNode node) {
    return model.getModelElementsByType(SequenceFlow.class).stream()
        .filter(flow -> flow.getSource() == node)
        .toList();
  }

  private List<SequenceFlow> incoming(FlowNode node) {
    return model.getModelElementsByType(SequenceFlow.class).stream()
        .filter(flow -> flow.getTarget() == node)
        .toList();
  }

  /** Cairn's own settings are compiled away; the engine never sees them. */
  private static void removeCairnProperties(BaseElement element) {
    ZeebeProperties properties = element.getSingleExtensionElement(ZeebeProperties.class);
    if (properties == null) {
      return;
    }
    for (ZeebeProperty property : List.copyOf(properties.getProperties())) {
      if (CairnSettings.isCairn(property)) {
        properties.getProperties().remove(property);
      }
    }
    if (properties.getProperties().isEmpty()) {
      element.getExtensionElements().removeChildElement(properties);
    }
  }
}
