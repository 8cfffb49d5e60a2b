package dev.cairn.journeys.elementtemplates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.decision.Decisions;
import dev.cairn.engine.journey.compile.CompileResult;
import dev.cairn.engine.journey.compile.CompiledJourney;
import dev.cairn.engine.journey.language.EntryRule;
import dev.cairn.engine.schedule.ScheduleStep;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole journey drawn only with the Cairn palette, as Camunda Modeler saves it, publishes: the
 * real compiler (with every step Cairn has) accepts it and turns each templated node into what
 * Cairn runs.
 */
class ElementTemplateJourneyTest {

  private static final String SMS_CONSENT =
      "{\"kind\":\"attribute\",\"attribute\":\"sms_consent\",\"operator\":\"EQUALS\",\"value\":\"subscribed\"}";

  private final CairnSteps cairn = CairnSteps.get();

  @Test
  void a_journey_drawn_only_with_the_templates_compiles() {
    TemplateDiagram diagram = paletteJourney();

    CompileResult result = cairn.compiler().compile(diagram.xml());

    assertThat(result).isInstanceOf(CompileResult.Compiled.class);
  }

  @Test
  void the_compiled_journey_does_what_the_template_fields_say() {
    CompiledJourney journey =
        ((CompileResult.Compiled) cairn.compiler().compile(paletteJourney().xml())).journey();

    assertThat(journey.triggerEvent()).isEqualTo("Signed Up");
    assertThat(journey.triggerFilter()).isEqualTo(Map.of("plan", "Pro", "source", "website"));
    assertThat(journey.entryRule())
        .isEqualTo(new EntryRule(EntryRule.ReEntry.ONCE, Duration.ofDays(30)));
    assertThat(journey.awaitedEvents()).containsExactly("Order Completed");
    BpmnModelInstance executable =
        Bpmn.readModelFromStream(
            new ByteArrayInputStream(journey.executableXml().getBytes(StandardCharsets.UTF_8)));
    assertThat(executable.getModelElementsByType(ZeebeTaskDefinition.class))
        .extracting(ZeebeTaskDefinition::getType)
        .contains(
            "cairn.email",
            "cairn.sms",
            "cairn.update-contact",
            Decisions.BRANCH,
            Decisions.SPLIT,
            ScheduleStep.TYPE);
    assertThat(executable.getModelElementsByType(SubProcess.class))
        .extracting(SubProcess::getName)
        .contains("Goal: Order Completed");
  }

  @Test
  void
      a_wait_for_event_listens_for_the_contact_it_belongs_to_in_this_journey_whatever_key_the_template_wrote() {
    CompiledJourney journey =
        ((CompileResult.Compiled) cairn.compiler().compile(paletteJourney().xml())).journey();
    BpmnModelInstance executable =
        Bpmn.readModelFromStream(
            new ByteArrayInputStream(journey.executableXml().getBytes(StandardCharsets.UTF_8)));
    String templateKey =
        ElementTemplate.shipped("dev.cairn.wait-for-event")
            .field("bpmn:Message#zeebe:subscription#property", "correlationKey")
            .value();

    Message ordered =
        executable.getModelElementsByType(Message.class).stream()
            .filter(message -> message.getId().equals("ordered-message"))
            .findFirst()
            .orElseThrow();

    // The template writes a key so the Modeler's own checks pass; the engine ignores it: an event
    // reaches the wait by the instance's business key, which names the journey and the contact.
    assertThat(templateKey).isEqualTo("=contactId");
    assertThat(ordered.getName()).isEqualTo("Order Completed");
  }

  @Test
  void a_send_email_step_naming_a_template_that_does_not_exist_is_refused_as_in_the_console() {
    TemplateJourneys.Journey journey =
        TemplateJourneys.around(
            ElementTemplate.shipped("dev.cairn.send-email"), Map.of("template", "welcom"));

    CompileResult result = cairn.compiler().compile(journey.diagram().xml());

    assertThat(result).isInstanceOf(CompileResult.Rejected.class);
    assertThat(((CompileResult.Rejected) result).problems().getFirst().message())
        .contains("the template \"welcom\" does not exist");
  }

  /**
   * A welcome journey using every node kind: entry trigger, steps, waits, a "wait for event" with
   * its timeout, a branch, an A/B split with a holdout, "wait until" and a goal. The webhook and
   * notify steps join in once Cairn has them.
   */
  private TemplateDiagram paletteJourney() {
    TemplateDiagram diagram = new TemplateDiagram("palette");
    diagram.process("dev.cairn.goal", Map.of("cairn:goal-event", "Order Completed"));
    diagram.node(
        "signed-up",
        "dev.cairn.entry-trigger",
        Map.of(
            "cairn:trigger-event",
            "Signed Up",
            "cairn:trigger-where",
            "plan=Pro, source=website",
            "cairn:re-entry",
            "once",
            "cairn:re-entry-gap",
            "P30D"));
    List<String> steps =
        new ArrayList<>(List.of("signed-up", "welcome-email", "tag-new", "set-plan"));
    diagram.node(
        "welcome-email",
        "dev.cairn.send-email",
        Map.of(
            "template",
            "welcome",
            "subject",
            "Welcome, {{ contact.first_name | default: \"there\" }}"));
    diagram.node("tag-new", "dev.cairn.update-contact", Map.of("attribute", "tag", "value", "new"));
    diagram.node(
        "set-plan",
        "dev.cairn.update-contact-trait",
        Map.of("attribute", "trait:plan", "value", "trial"));
    if (cairn.handler("cairn.webhook").isPresent()) {
      diagram.node(
          "tell-crm",
          "dev.cairn.call-webhook",
          Map.of("url", "https://crm.example.com/hooks/cairn", "timeout", "PT5S"));
      steps.add("tell-crm");
    }
    if (cairn.handler("cairn.notify").isPresent()) {
      diagram.node(
          "tell-sales",
          "dev.cairn.notify-team-member",
          Map.of(
              "to",
              "sales@example.com",
              "subject",
              "New sign-up: {{ contact.email }}",
              "text",
              "{{ contact.first_name }} signed up."));
      steps.add("tell-sales");
    }
    diagram.node("wait-a-day", "dev.cairn.wait", Map.of("timeDuration", "P1D"));
    steps.add("wait-a-day");
    for (int i = 1; i < steps.size(); i++) {
      diagram.path("to-" + steps.get(i), steps.get(i - 1), steps.get(i));
    }

    diagram
        .plain("<bpmn:eventBasedGateway id=\"first-order\" name=\"First order?\" />")
        .path("to-first-order", "wait-a-day", "first-order")
        .node("ordered", "dev.cairn.wait-for-event", Map.of("name", "Order Completed"))
        .node("no-order", "dev.cairn.wait", Map.of("timeDuration", "P3D"))
        .path("to-ordered", "first-order", "ordered")
        .path("to-no-order", "first-order", "no-order")
        .node(
            "thanks-sms",
            "dev.cairn.send-sms",
            Map.of("text", "Thanks for your first order, {{ contact.first_name }}!"))
        .plain("<bpmn:endEvent id=\"thanked\" />")
        .plain("<bpmn:exclusiveGateway id=\"texts-ok\" name=\"Agreed to texts?\" />")
        .path("to-texts-ok", "ordered", "texts-ok")
        .path(
            "may-text",
            "texts-ok",
            "thanks-sms",
            "dev.cairn.branch-path",
            Map.of("cairn:condition", SMS_CONSENT))
        .path("may-not-text", "texts-ok", "thanked")
        .path("to-thanked", "thanks-sms", "thanked");

    diagram
        .plain("<bpmn:exclusiveGateway id=\"which-plan\" name=\"Which plan?\" />")
        .path("to-which-plan", "no-order", "which-plan")
        .path(
            "pro",
            "which-plan",
            "monday-morning",
            "dev.cairn.branch-path",
            Map.of(
                "cairn:condition",
                "{\"kind\":\"attribute\",\"attribute\":\"trait:plan\",\"operator\":\"EQUALS\",\"value\":\"Pro\"}"))
        .path("everyone-else", "which-plan", "before-birthday")
        .node(
            "monday-morning",
            "dev.cairn.wait-until",
            Map.of("cairn:wait-until", "09:00 on MON,FRI"))
        .node(
            "nudge-email",
            "dev.cairn.send-email",
            Map.of("template", "first-order-nudge", "subject", "Still thinking it over?"))
        .path("to-nudge-email", "monday-morning", "nudge-email")
        .plain("<bpmn:exclusiveGateway id=\"offer-test\" name=\"Offer test\" />")
        .path("to-offer-test", "nudge-email", "offer-test")
        .path(
            "offer",
            "offer-test",
            "offer-texts-ok",
            "dev.cairn.split-path",
            Map.of("cairn:weight", "80"))
        .plain("<bpmn:exclusiveGateway id=\"offer-texts-ok\" name=\"Agreed to texts?\" />")
        .path(
            "offer-may-text",
            "offer-texts-ok",
            "offer-sms",
            "dev.cairn.branch-path",
            Map.of("cairn:condition", SMS_CONSENT))
        .path("offer-may-not-text", "offer-texts-ok", "offered")
        .path(
            "holdout",
            "offer-test",
            "held-out",
            "dev.cairn.split-path",
            Map.of("cairn:weight", "20"))
        .node(
            "offer-sms",
            "dev.cairn.send-sms",
            Map.of("text", "10% off your first order today: WELCOME10"))
        .plain("<bpmn:endEvent id=\"offered\" /><bpmn:endEvent id=\"held-out\" />")
        .path("to-offered", "offer-sms", "offered")
        .node(
            "before-birthday",
            "dev.cairn.wait-until",
            Map.of(
                "cairn:wait-until",
                "anniversary of birthday",
                "cairn:wait-offset",
                "-P7D",
                "cairn:wait-at",
                "10:00"))
        .plain("<bpmn:endEvent id=\"later\" />")
        .path("to-later", "before-birthday", "later");
    return diagram;
  }
}
