package dev.cairn.ui.designer;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** New journey diagrams: a blank canvas, or a copy of another journey under a new id and name. */
final class DiagramCopy {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";

  private DiagramCopy() {}

  static String blank(String id, String name) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                          xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                          xmlns:modeler="http://camunda.org/schema/modeler/1.0"
                          id="%1$s-definitions" targetNamespace="https://cairn.dev/journeys" exporter="Cairn" exporterVersion="0.1"
                          modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.5.0">
          <bpmn:process id="%1$s" name="%2$s" isExecutable="true" />
          <bpmndi:BPMNDiagram id="%1$s-diagram">
            <bpmndi:BPMNPlane id="%1$s-plane" bpmnElement="%1$s" />
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """
        .formatted(id, escape(name));
  }

  /** The diagram with its journey (process) renamed; everything else as it was. */
  static String copy(String xml, String id, String name) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Element process = (Element) document.getElementsByTagNameNS(BPMN, "process").item(0);
      String oldId = process.getAttribute("id");
      process.setAttribute("id", id);
      process.setAttribute("name", name);
      NodeList planes = document.getElementsByTagNameNS(BPMNDI, "BPMNPlane");
      for (int i = 0; i < planes.getLength(); i++) {
        Element plane = (Element) planes.item(i);
        if (plane.getAttribute("bpmnElement").equals(oldId)) {
          plane.setAttribute("bpmnElement", id);
        }
      }
      StringWriter out = new StringWriter();
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw new IllegalArgumentException("not a journey diagram", e);
    }
  }

  /** A journey id from its name (lower case, dashes), not yet taken. */
  static String idFor(String name, Predicate<String> taken) {
    String base =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-+|-+$)", "");
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "journey-" + base;
    }
    base = base.replaceAll("-+$", "");
    String id = base;
    for (int i = 2; taken.test(id) || id.endsWith(".test-run"); i++) {
      id = base + "-" + i;
    }
    return id;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }
}
