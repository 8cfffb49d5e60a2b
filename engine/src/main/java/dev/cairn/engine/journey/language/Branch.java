package dev.cairn.engine.journey.language;

import dev.cairn.engine.decision.Decisions;
import dev.cairn.engine.segment.SegmentRule;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A branch: each path out of it with a condition (a segment rule as JSON) leads the contacts who
 * meet it, the one path without leads everyone else. A gateway with no Cairn conditions is the
 * engine's own: its paths carry conditions the engine evaluates, or it only joins paths.
 */
public record Branch(Map<SequenceFlow, String> conditions) implements NodeKind {

  /** A path's condition: a segment rule as JSON. */
  public static final String CONDITION = "cairn:condition";

  /** The step that evaluates the conditions, put before the branch by the compiler. */
  public static final String STEP_TYPE = Decisions.BRANCH;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The conditions keep the order of the paths in the diagram. */
  public Branch {
    conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
  }

  static Branch of(ExclusiveGateway gateway) {
    return new Branch(conditionsOf(gateway));
  }

  /** The paths leaving the node that carry a condition, with it, in the diagram's order. */
  public static Map<SequenceFlow, String> conditionsOf(FlowNode node) {
    return Paths.leavingWith(node, CONDITION);
  }

  /** A condition as stored; the exception says why it cannot be read. */
  public static SegmentRule condition(String json) throws JacksonException {
    return JSON.readValue(json, SegmentRule.class);
  }
}
