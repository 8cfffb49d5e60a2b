package dev.cairn.engine.journey.run.camunda8;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Which node of one journey version is which of another, for the cluster's migration: every node a
 * contact can be at that both versions have, by id and of the same kind. The cluster wants an
 * instruction for every node its instance is at, and Cairn cannot see every such node in this mode
 * (a timer, say), so it maps all of them rather than only those it tracked.
 */
final class NodeMapping {

  private NodeMapping() {}

  static Map<String, String> between(String sourceXml, String targetXml) {
    Map<String, String> source = waitingNodes(ZeebeBpmn.read(sourceXml));
    Map<String, String> target = waitingNodes(ZeebeBpmn.read(targetXml));
    Map<String, String> mapping = new LinkedHashMap<>();
    source.forEach(
        (id, kind) -> {
          if (kind.equals(target.get(id))) {
            mapping.put(id, id);
          }
        });
    return mapping;
  }

  /** Node id to kind, for every node a contact can be at. */
  private static Map<String, String> waitingNodes(Document document) {
    Map<String, String> nodes = new LinkedHashMap<>();
    for (Element process : ZeebeBpmn.elements(document, ZeebeBpmn.BPMN, "process")) {
      collect(process, nodes);
    }
    return nodes;
  }

  private static void collect(Element scope, Map<String, String> nodes) {
    boolean eventScope = "true".equals(scope.getAttribute("triggeredByEvent"));
    for (Node node = scope.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (!(node instanceof Element element) || !ZeebeBpmn.BPMN.equals(element.getNamespaceURI())) {
        continue;
      }
      String kind = element.getLocalName();
      switch (kind) {
        case "serviceTask",
            "sendTask",
            "scriptTask",
            "businessRuleTask",
            "receiveTask",
            "userTask",
            "task",
            "intermediateCatchEvent",
            "boundaryEvent",
            "eventBasedGateway",
            "callActivity" ->
            nodes.put(element.getAttribute("id"), kind);
        // A goal or exit listens wherever the contact is: its start event moves with them.
        case "startEvent" -> {
          if (eventScope) {
            nodes.put(element.getAttribute("id"), kind);
          }
        }
        case "subProcess" -> {
          nodes.put(element.getAttribute("id"), kind);
          collect(element, nodes);
        }
        default -> {}
      }
    }
  }
}
