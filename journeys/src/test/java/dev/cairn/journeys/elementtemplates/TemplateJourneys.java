package dev.cairn.journeys.elementtemplates;

import java.util.HashMap;
import java.util.Map;

/** Small journeys drawn with the templates, filled in as a marketer would fill them in. */
final class TemplateJourneys {

  /**
   * What a marketer types into each field (by header key or setting name); fields not listed keep
   * the template's own value.
   */
  static final Map<String, String> TYPICAL =
      Map.ofEntries(
          Map.entry("cairn:trigger-event", "Signed Up"),
          Map.entry("cairn:trigger-where", "plan=Pro, source=website"),
          Map.entry("cairn:re-entry-gap", "P30D"),
          Map.entry("template", "welcome"),
          Map.entry("subject", "Welcome, {{ contact.first_name | default: \"there\" }}"),
          Map.entry("text", "Hi {{ contact.first_name }}, your order is on its way."),
          Map.entry("value", "vip"),
          Map.entry("url", "https://crm.example.com/hooks/cairn"),
          Map.entry("timeout", "PT5S"),
          Map.entry("to", "sales@example.com"),
          Map.entry("cairn:wait-offset", "-P7D"),
          Map.entry("cairn:wait-at", "10:00"),
          Map.entry("name", "Order Completed"),
          Map.entry("cairn:goal-event", "Order Completed"));

  private TemplateJourneys() {}

  /** The smallest journey that holds a template's element, and that element's id. */
  record Journey(TemplateDiagram diagram, String element) {}

  /**
   * The smallest valid journey around one templated element; {@code values} override the typical
   * ones.
   */
  static Journey around(ElementTemplate template, Map<String, String> values) {
    Map<String, String> given = new HashMap<>(TYPICAL);
    given.putAll(values);
    String otherWeight = given.remove("other-weight");
    TemplateDiagram diagram = new TemplateDiagram("around");
    String id = template.id().substring("dev.cairn.".length());
    if (template.appliesTo().contains("bpmn:Process")) {
      diagram
          .process(template.id(), given)
          .plain("<bpmn:startEvent id=\"start\" /><bpmn:endEvent id=\"end\" />")
          .path("to-end", "start", "end");
      return new Journey(diagram, diagram.processId());
    }
    if (template.appliesTo().contains("bpmn:SequenceFlow")) {
      diagram
          .plain(
              "<bpmn:startEvent id=\"start\" /><bpmn:exclusiveGateway id=\"choice\" /><bpmn:endEvent id=\"end-a\" /><bpmn:endEvent id=\"end-b\" />")
          .path("to-choice", "start", "choice")
          .path(id, "choice", "end-a", template.id(), given);
      if (template.id().equals("dev.cairn.split-path")) {
        diagram.path(
            "other",
            "choice",
            "end-b",
            template.id(),
            Map.of("cairn:weight", otherWeight == null ? "50" : otherWeight));
      } else {
        diagram.path("other", "choice", "end-b"); // everyone else
      }
      return new Journey(diagram, id);
    }
    if ("bpmn:StartEvent".equals(template.elementType())) {
      diagram
          .node(id, template.id(), given)
          .plain("<bpmn:endEvent id=\"end\" />")
          .path("to-end", id, "end");
      return new Journey(diagram, id);
    }
    if ("bpmn:MessageEventDefinition".equals(template.eventDefinition())) {
      // An event is waited for only behind a "wait for event" gateway, with a timeout beside it.
      diagram
          .plain(
              "<bpmn:startEvent id=\"start\" /><bpmn:eventBasedGateway id=\"wait-for\" /><bpmn:endEvent id=\"end-a\" /><bpmn:endEvent id=\"end-b\" />")
          .node(id, template.id(), given)
          .node("timeout", "dev.cairn.wait", Map.of())
          .path("to-wait-for", "start", "wait-for")
          .path("to-event", "wait-for", id)
          .path("to-timeout", "wait-for", "timeout")
          .path("event-to-end", id, "end-a")
          .path("timeout-to-end", "timeout", "end-b");
      return new Journey(diagram, id);
    }
    diagram
        .plain("<bpmn:startEvent id=\"start\" /><bpmn:endEvent id=\"end\" />")
        .node(id, template.id(), given)
        .path("to-" + id, "start", id)
        .path("to-end", id, "end");
    return new Journey(diagram, id);
  }
}
