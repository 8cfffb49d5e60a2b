package dev.cairn.engine.journey.run.camunda8;

import dev.cairn.engine.journey.run.BpmnXml;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A compiled journey in the dialect a Camunda 8 cluster executes. Steps already are what the
 * cluster runs ({@code zeebe:taskDefinition} and {@code zeebe:taskHeaders}, as the journey language
 * writes them); what the compiler writes for the embedded engine becomes FEEL (a branch's choice, a
 * wait until a time), every message is correlated by the key the instance was started with, and the
 * journey's end is reported to Cairn by an end listener.
 */
final class ZeebeBpmn {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  /** The instance variable holding the correlation key a journey instance's waits listen under. */
  static final String CORRELATION_KEY = "cairnCorrelationKey";

  /** Job type of the listener that tells Cairn a journey instance ended. */
  static final String JOURNEY_ENDED = "cairn.journey-ended";

  /** {@code ${path_branch == 'flow-1'}}: a branch's path chosen by Cairn's deciding step. */
  private static final Pattern CHOICE =
      Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*==\\s*'([^'\\\\]*)'\\s*}$");

  /** {@code ${until_wait}}: a wait until the moment Cairn's scheduling step wrote. */
  private static final Pattern MOMENT =
      Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");

  private ZeebeBpmn() {}

  static String of(String compiledXml) {
    Document document = BpmnXml.parse(compiledXml);
    document
        .getDocumentElement()
        .setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:zeebe", ZEEBE);
    for (Element condition : elements(document, BPMN, "conditionExpression")) {
      Matcher choice = CHOICE.matcher(condition.getTextContent().strip());
      if (choice.matches()) {
        condition.setTextContent("=" + choice.group(1) + " = \"" + choice.group(2) + "\"");
      }
    }
    for (Element date : elements(document, BPMN, "timeDate")) {
      Matcher moment = MOMENT.matcher(date.getTextContent().strip());
      if (moment.matches()) {
        date.setTextContent("=date and time(" + moment.group(1) + ")");
      }
    }
    for (Element message : elements(document, BPMN, "message")) {
      Element extensions = extensionsOf(document, message);
      Element subscription = child(extensions, ZEEBE, "subscription");
      if (subscription == null) {
        subscription = document.createElementNS(ZEEBE, "zeebe:subscription");
        extensions.appendChild(subscription);
      }
      subscription.setAttribute("correlationKey", "=" + CORRELATION_KEY);
    }
    for (Element process : elements(document, BPMN, "process")) {
      Element listeners = document.createElementNS(ZEEBE, "zeebe:executionListeners");
      Element ended = document.createElementNS(ZEEBE, "zeebe:executionListener");
      ended.setAttribute("eventType", "end");
      ended.setAttribute("type", JOURNEY_ENDED);
      ended.setAttribute("retries", "10");
      listeners.appendChild(ended);
      extensionsOf(document, process).appendChild(listeners);
    }
    return BpmnXml.write(document);
  }

  /** The element's extension elements, created where BPMN wants them (after its documentation). */
  private static Element extensionsOf(Document document, Element element) {
    Element existing = child(element, BPMN, "extensionElements");
    if (existing != null) {
      return existing;
    }
    Element extensions =
        document.createElementNS(
            BPMN,
            element.getPrefix() == null
                ? "extensionElements"
                : element.getPrefix() + ":extensionElements");
    Node before = element.getFirstChild();
    while (before != null
        && (!(before instanceof Element e) || "documentation".equals(e.getLocalName()))) {
      before = before.getNextSibling();
    }
    element.insertBefore(extensions, before);
    return extensions;
  }

  static List<Element> elements(Document document, String namespace, String name) {
    NodeList nodes = document.getElementsByTagNameNS(namespace, name);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  private static @Nullable Element child(Element parent, String namespace, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && name.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }

  static Document read(String xml) {
    return BpmnXml.parse(xml);
  }
}
