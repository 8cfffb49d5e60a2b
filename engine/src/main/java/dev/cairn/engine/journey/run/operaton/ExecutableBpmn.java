package dev.cairn.engine.journey.run.operaton;

import dev.cairn.engine.journey.run.BpmnXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A compiled journey in the dialect Operaton executes. The journey language keeps a step's kind and
 * settings where Camunda Modeler writes them ({@code zeebe:taskDefinition}, {@code
 * zeebe:taskHeaders}); here each step becomes an external task of its kind's topic, its settings
 * the task's extension properties, which Cairn's step workers take with the task.
 */
final class ExecutableBpmn {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
  static final String OPERATON = "http://operaton.org/schema/1.0/bpmn";

  /** The extension property holding how often a step is tried before it stops. */
  static final String RETRIES = "cairn:retries";

  static final int DEFAULT_RETRIES = 3;

  private ExecutableBpmn() {}

  static String of(String compiledXml) {
    Document document = BpmnXml.parse(compiledXml);
    Element definitions = document.getDocumentElement();
    definitions.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:operaton", OPERATON);
    for (Element drawn : jobTasks(document)) {
      Element definition = child(drawn, ZEEBE, "taskDefinition");
      if (definition == null) {
        continue; // refused by the journey checks before it gets here
      }
      // A step drawn as a send, script or rule task is performed by Cairn all the same.
      Element task =
          (Element)
              document.renameNode(
                  drawn,
                  BPMN,
                  drawn.getPrefix() == null ? "serviceTask" : drawn.getPrefix() + ":serviceTask");
      Map<String, String> properties = new LinkedHashMap<>();
      Element headers = child(task, ZEEBE, "taskHeaders");
      if (headers != null) {
        for (Element header : children(headers, ZEEBE, "header")) {
          properties.put(header.getAttribute("key"), header.getAttribute("value"));
        }
      }
      String retries = definition.getAttribute("retries");
      properties.put(
          RETRIES, retries.isBlank() ? Integer.toString(DEFAULT_RETRIES) : retries.strip());
      task.setAttributeNS(OPERATON, "operaton:type", "external");
      task.setAttributeNS(OPERATON, "operaton:topic", definition.getAttribute("type").strip());
      Element extensions = child(task, BPMN, "extensionElements");
      Element list = document.createElementNS(OPERATON, "operaton:properties");
      properties.forEach(
          (name, value) -> {
            Element property = document.createElementNS(OPERATON, "operaton:property");
            property.setAttribute("name", name);
            property.setAttribute("value", value);
            list.appendChild(property);
          });
      extensions.appendChild(list);
    }
    for (Element gateway : elements(document, BPMN, "exclusiveGateway")) {
      if (hasDrawnCondition(document, gateway.getAttribute("id"))) {
        // A condition Cairn did not write may fail for a contact: deciding in a job of its own
        // makes that an incident at the branch (with Retry) instead of an error for whoever
        // moved the contact there.
        gateway.setAttributeNS(OPERATON, "operaton:asyncBefore", "true");
      }
    }
    return BpmnXml.write(document);
  }

  /**
   * Whether a path leaving the gateway has a condition other than one on Cairn's deciding step's
   * answer.
   */
  private static boolean hasDrawnCondition(Document document, String gatewayId) {
    for (Element flow : elements(document, BPMN, "sequenceFlow")) {
      Element condition = child(flow, BPMN, "conditionExpression");
      if (flow.getAttribute("sourceRef").equals(gatewayId)
          && condition != null
          && !condition.getTextContent().strip().startsWith("${path_")) {
        return true;
      }
    }
    return false;
  }

  private static List<Element> jobTasks(Document document) {
    List<Element> tasks = new ArrayList<>();
    for (String kind : List.of("serviceTask", "sendTask", "scriptTask", "businessRuleTask")) {
      tasks.addAll(elements(document, BPMN, kind));
    }
    return tasks;
  }

  private static List<Element> elements(Document document, String namespace, String name) {
    NodeList nodes = document.getElementsByTagNameNS(namespace, name);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  private static Element child(Element parent, String namespace, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        if (namespace.equals(element.getNamespaceURI()) && name.equals(element.getLocalName())) {
          return element;
        }
        if ("extensionElements".equals(element.getLocalName())) {
          Element nested = child(element, namespace, name);
          if (nested != null) {
            return nested;
          }
        }
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && name.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }
}
