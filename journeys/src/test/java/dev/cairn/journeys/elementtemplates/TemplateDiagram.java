package dev.cairn.journeys.elementtemplates;

import dev.cairn.journeys.elementtemplates.ElementTemplate.Field;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A journey drawn the way Camunda Modeler draws it with the templates: each templated element
 * carries what the template's fields write (task definition, headers, {@code zeebe:property}
 * entries, the timer or the message), with the values a user typed or else the template's own. A
 * field left empty that the template marks optional is not written, as in the Modeler.
 */
final class TemplateDiagram {

  private final String processId;
  private final StringBuilder process = new StringBuilder();
  private final StringBuilder messages = new StringBuilder();
  private String processTemplate = "";
  private String processExtensions = "";

  TemplateDiagram(String processId) {
    this.processId = processId;
  }

  String processId() {
    return processId;
  }

  /** A flow node made with a template; {@code values} by field name (header key, property name). */
  TemplateDiagram node(String id, String templateId, Map<String, String> values) {
    ElementTemplate template = ElementTemplate.shipped(templateId);
    if (template.elementType() == null) {
      throw new IllegalArgumentException(templateId + " does not make an element");
    }
    String tag =
        "bpmn:"
            + template
                .elementType()
                .substring("bpmn:".length(), "bpmn:".length() + 1)
                .toLowerCase(Locale.ROOT)
            + template.elementType().substring("bpmn:".length() + 1);
    process
        .append("<")
        .append(tag)
        .append(" id=\"")
        .append(id)
        .append("\" name=\"")
        .append(id)
        .append("\"")
        .append(marker(template))
        .append(">");
    process.append(extensions(template, values));
    if ("bpmn:TimerEventDefinition".equals(template.eventDefinition())) {
      Field timer = template.fields("bpmn:TimerEventDefinition#property").getFirst();
      process
          .append("<bpmn:timerEventDefinition><bpmn:")
          .append(timer.name())
          .append(" xsi:type=\"bpmn:tFormalExpression\">")
          .append(xml(value(timer, values)))
          .append("</bpmn:")
          .append(timer.name())
          .append("></bpmn:timerEventDefinition>");
    }
    if ("bpmn:MessageEventDefinition".equals(template.eventDefinition())) {
      String message = id + "-message";
      process.append("<bpmn:messageEventDefinition messageRef=\"").append(message).append("\" />");
      messages
          .append("<bpmn:message id=\"")
          .append(message)
          .append("\" name=\"")
          .append(attribute(value(template.field("bpmn:Message#property", "name"), values)))
          .append("\"><bpmn:extensionElements><zeebe:subscription correlationKey=\"")
          .append(
              attribute(
                  value(
                      template.field("bpmn:Message#zeebe:subscription#property", "correlationKey"),
                      values)))
          .append("\" /></bpmn:extensionElements></bpmn:message>");
    }
    process.append("</").append(tag).append(">");
    return this;
  }

  /** An element without a template: ends, gateways. */
  TemplateDiagram plain(String xml) {
    process.append(xml);
    return this;
  }

  TemplateDiagram path(String id, String from, String to) {
    process
        .append("<bpmn:sequenceFlow id=\"")
        .append(id)
        .append("\" sourceRef=\"")
        .append(from)
        .append("\" targetRef=\"")
        .append(to)
        .append("\" />");
    return this;
  }

  TemplateDiagram path(
      String id, String from, String to, String templateId, Map<String, String> values) {
    ElementTemplate template = ElementTemplate.shipped(templateId);
    process
        .append("<bpmn:sequenceFlow id=\"")
        .append(id)
        .append("\" name=\"")
        .append(id)
        .append("\" sourceRef=\"")
        .append(from)
        .append("\" targetRef=\"")
        .append(to)
        .append("\"")
        .append(marker(template))
        .append(">")
        .append(extensions(template, values))
        .append("</bpmn:sequenceFlow>");
    return this;
  }

  /** The template applied to the process itself (the journey's goal). */
  TemplateDiagram process(String templateId, Map<String, String> values) {
    ElementTemplate template = ElementTemplate.shipped(templateId);
    processTemplate = marker(template);
    processExtensions = extensions(template, values);
    return this;
  }

  String xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
            id="templates-definitions" targetNamespace="http://bpmn.io/schema/bpmn"
            modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.5.0">
          <bpmn:process id="%s" name="Drawn with templates" isExecutable="true"%s>%s%s</bpmn:process>
          %s
        </bpmn:definitions>
        """
        .formatted(processId, processTemplate, processExtensions, process, messages);
  }

  /** The Modeler marks every templated element with the template it was made with. */
  private static String marker(ElementTemplate template) {
    return " zeebe:modelerTemplate=\"" + template.id() + "\" zeebe:modelerTemplateVersion=\"1\"";
  }

  private static String extensions(ElementTemplate template, Map<String, String> values) {
    StringBuilder xml = new StringBuilder();
    Map<String, String> definition = new HashMap<>();
    template
        .fields("zeebe:taskDefinition")
        .forEach(field -> definition.put(field.name(), value(field, values)));
    if (!definition.isEmpty()) {
      xml.append("<zeebe:taskDefinition type=\"")
          .append(attribute(definition.get("type")))
          .append("\"");
      if (definition.containsKey("retries")) {
        xml.append(" retries=\"").append(attribute(definition.get("retries"))).append("\"");
      }
      xml.append(" />");
    }
    StringBuilder headers = new StringBuilder();
    for (Field field : template.fields("zeebe:taskHeader")) {
      String value = written(field, values);
      if (value != null) {
        headers
            .append("<zeebe:header key=\"")
            .append(field.name())
            .append("\" value=\"")
            .append(attribute(value))
            .append("\" />");
      }
    }
    if (!headers.isEmpty()) {
      xml.append("<zeebe:taskHeaders>").append(headers).append("</zeebe:taskHeaders>");
    }
    StringBuilder properties = new StringBuilder();
    for (Field field : template.fields("zeebe:property")) {
      String value = written(field, values);
      if (value != null) {
        properties
            .append("<zeebe:property name=\"")
            .append(field.name())
            .append("\" value=\"")
            .append(attribute(value))
            .append("\" />");
      }
    }
    if (!properties.isEmpty()) {
      xml.append("<zeebe:properties>").append(properties).append("</zeebe:properties>");
    }
    return xml.isEmpty() ? "" : "<bpmn:extensionElements>" + xml + "</bpmn:extensionElements>";
  }

  /** What the Modeler writes for a field: nothing for an empty optional one. */
  private static @Nullable String written(Field field, Map<String, String> values) {
    String value = values.containsKey(field.name()) ? values.get(field.name()) : field.value();
    if (field.optional() && (value == null || value.isEmpty())) {
      return null;
    }
    return value == null ? "" : value;
  }

  private static String value(Field field, Map<String, String> values) {
    String value = written(field, values);
    return value == null ? "" : value;
  }

  private static String attribute(String value) {
    return xml(value).replace("\"", "&quot;");
  }

  private static String xml(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
