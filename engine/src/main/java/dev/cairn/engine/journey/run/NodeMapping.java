package dev.cairn.engine.journey.run;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which nodes of one journey version are the same node in another: the same id and the same kind.
 * Editing a journey in the designer keeps the ids of the nodes it does not replace, so a contact
 * waiting at "Wait 3 days" still waits there in the new version.
 */
final class NodeMapping {

  private NodeMapping() {}

  static Map<String, String> between(String fromXml, String toXml) {
    Map<String, String> from = kinds(fromXml);
    Map<String, String> to = kinds(toXml);
    Map<String, String> mapping = new LinkedHashMap<>();
    from.forEach(
        (id, kind) -> {
          if (kind.equals(to.get(id))) {
            mapping.put(id, id);
          }
        });
    return mapping;
  }

  /** What each node is called on the diagram: its name, else its id. */
  static Map<String, String> names(String xml) {
    Map<String, String> names = new LinkedHashMap<>();
    Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getModelElementsByType(FlowNode.class)
        .forEach(
            node ->
                names.put(
                    node.getId(),
                    node.getName() == null || node.getName().isBlank()
                        ? node.getId()
                        : node.getName().strip()));
    return names;
  }

  private static Map<String, String> kinds(String xml) {
    Map<String, String> kinds = new LinkedHashMap<>();
    Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getModelElementsByType(FlowNode.class)
        .forEach(node -> kinds.put(node.getId(), node.getElementType().getTypeName()));
    return kinds;
  }
}
