package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths around a node, found by the ids they name: diagrams need not list them on the node, and
 * the model's typed getters throw for a path that points at no node.
 */
final class Paths {

  private Paths() {}

  static List<SequenceFlow> leaving(FlowNode node) {
    return node.getModelInstance().getModelElementsByType(SequenceFlow.class).stream()
        .filter(flow -> node.getId().equals(flow.getAttributeValue("sourceRef")))
        .toList();
  }

  static List<SequenceFlow> entering(FlowNode node) {
    return node.getModelInstance().getModelElementsByType(SequenceFlow.class).stream()
        .filter(flow -> node.getId().equals(flow.getAttributeValue("targetRef")))
        .toList();
  }

  /** The paths leaving the node that carry the setting, with its value, in the diagram's order. */
  static Map<SequenceFlow, String> leavingWith(FlowNode node, String setting) {
    Map<SequenceFlow, String> found = new LinkedHashMap<>();
    for (SequenceFlow flow : leaving(node)) {
      String value = CairnSettings.of(flow).get(setting);
      if (value != null) {
        found.put(flow, value);
      }
    }
    return Collections.unmodifiableMap(found);
  }
}
