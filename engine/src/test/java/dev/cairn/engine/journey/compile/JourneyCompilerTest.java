package dev.cairn.engine.journey.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.journey.JourneyProperties;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JourneyCompilerTest {

  private static final StepHandler EMAIL =
      new StepHandler() {
        @Override
        public String type() {
          return "cairn.email";
        }

        @Override
        public String displayName() {
          return "Send email";
        }

        @Override
        public Set<String> requiredHeaders() {
          return Set.of("template");
        }

        @Override
        public StepResult perform(Step step) {
          return StepResult.Completed.empty();
        }
      };

  private final JourneyCompiler compiler =
      new JourneyCompiler(
          List.of(EMAIL), new JourneyProperties(null, null, null), AttributeSchema::none);

  @Test
  void a_journey_compiles_with_its_trigger_and_the_events_its_waits_take() {
    CompileResult result =
        compiler.compile(journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P3D"));

    assertThat(result).isInstanceOf(CompileResult.Compiled.class);
    CompiledJourney compiled = ((CompileResult.Compiled) result).journey();
    assertThat(compiled.id()).isEqualTo("sample");
    assertThat(compiled.name()).isEqualTo("Sample journey");
    assertThat(compiled.triggerEvent()).isEqualTo("Signed Up");
    assertThat(compiled.awaitedEvents()).containsExactly("Order Completed");
    // Events reach a wait by the instance's business key (journey and contact), not by a key in the
    // diagram.
    assertThat(compiled.executableXml()).doesNotContain("correlationKey").contains("P3D");
  }

  @Test
  void a_step_without_its_template_is_reported_on_that_step() {
    CompileResult result = compiler.compile(journey("", "P3D"));

    assertThat(result)
        .isEqualTo(
            new CompileResult.Rejected(
                List.of(new Problem("mail", "Send email \"Send welcome\" needs a template."))));
  }

  @Test
  void a_step_cairn_does_not_know_is_reported() {
    String xml =
        journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P3D")
            .replace("cairn.email", "cairn.fax");

    assertThat(compiler.compile(xml))
        .isEqualTo(
            new CompileResult.Rejected(
                List.of(
                    new Problem(
                        "mail",
                        "\"Send welcome\" is not a step Cairn knows (type cairn.fax); replace it with a step from the palette."))));
  }

  @Test
  void a_wait_that_is_not_a_duration_is_reported_in_words() {
    CompileResult result =
        compiler.compile(
            journey("<zeebe:header key=\"template\" value=\"welcome\" />", "three days"));

    assertThat(result)
        .isEqualTo(
            new CompileResult.Rejected(
                List.of(
                    new Problem(
                        "timeout",
                        "\"Timeout\" has a wait of \"three days\", which is not a duration like P3D or PT2H."))));
  }

  @Test
  void waits_are_shortened_to_the_longest_wait_when_one_is_configured() {
    JourneyCompiler fast =
        new JourneyCompiler(
            List.of(EMAIL),
            new JourneyProperties(Duration.ofSeconds(5), null, null),
            AttributeSchema::none);

    CompileResult result =
        fast.compile(journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P3D"));

    assertThat(((CompileResult.Compiled) result).journey().executableXml())
        .contains("PT5S")
        .doesNotContain("P3D");
  }

  @Test
  void a_wait_of_months_is_a_duration_too_and_is_shortened_like_any_other() {
    JourneyCompiler fast =
        new JourneyCompiler(
            List.of(EMAIL),
            new JourneyProperties(Duration.ofSeconds(5), null, null),
            AttributeSchema::none);

    CompileResult result =
        fast.compile(journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P1M"));

    assertThat(((CompileResult.Compiled) result).journey().executableXml())
        .contains("PT5S")
        .doesNotContain("P1M");
  }

  @Test
  void a_test_run_is_a_process_of_its_own_with_waits_fast_forwarded_and_events_keyed_to_the_run() {
    JourneyCompiler compiler =
        new JourneyCompiler(
            List.of(EMAIL),
            new JourneyProperties(null, null, Duration.ofSeconds(3)),
            AttributeSchema::none);

    CompileResult result =
        compiler.compileTestRun(
            journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P3D"));

    CompiledJourney test = ((CompileResult.Compiled) result).journey();
    assertThat(test.id()).isEqualTo("sample.test-run");
    assertThat(test.awaitedEvents()).containsExactly("Order Completed");
    assertThat(test.executableXml())
        .doesNotContain("correlationKey")
        .contains("PT3S")
        .doesNotContain("P3D");
    assertThat(
            Bpmn.readModelFromStream(
                    new ByteArrayInputStream(test.executableXml().getBytes(StandardCharsets.UTF_8)))
                .getDefinitions())
        .as("the test-run process is valid BPMN")
        .isNotNull();
  }

  @Test
  void a_published_wait_is_a_plain_timer_the_engine_moves_with_its_due_time() {
    String source = journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P3D");

    String xml = ((CompileResult.Compiled) compiler.compile(source)).journey().executableXml();

    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    IntermediateCatchEvent timeout = model.getModelElementById("timeout");
    assertThat(
            timeout
                .getChildElementsByType(TimerEventDefinition.class)
                .iterator()
                .next()
                .getTimeDuration()
                .getTextContent())
        .isEqualTo("P3D");
    assertThat(xml).doesNotContain("cairnResumeAt_").doesNotContain("correlationKey");
  }

  @Test
  void a_test_run_of_a_journey_with_problems_reports_them_as_publishing_would() {
    assertThat(compiler.compileTestRun(journey("", "P3D")))
        .isEqualTo(
            new CompileResult.Rejected(
                List.of(new Problem("mail", "Send email \"Send welcome\" needs a template."))));
  }

  @Test
  void every_problem_of_a_journey_is_reported_at_once_on_its_element() {
    String xml =
        journey("", "PT0S")
            .replace(
                "<bpmn:endEvent id=\"end\" />",
                "<bpmn:endEvent id=\"end\" /><bpmn:serviceTask id=\"survey\" name=\"Send survey\" />");

    CompileResult result = compiler.compile(xml);

    assertThat(((CompileResult.Rejected) result).problems())
        .containsExactlyInAnyOrder(
            new Problem("mail", "Send email \"Send welcome\" needs a template."),
            new Problem(
                "timeout",
                "\"Timeout\" has a wait of \"PT0S\", which is no wait at all; use a duration like P3D or PT2H."),
            new Problem(
                "survey",
                "\"Send survey\" does not say which step it is; replace it with a step from the palette."),
            new Problem(
                "survey",
                "\"Send survey\" cannot be reached from the entry point; connect it or delete it."),
            new Problem(
                "survey",
                "\"Send survey\" leads nowhere; connect it to the next step or to an end."));
  }

  @Test
  void paths_a_diagram_leaves_off_its_nodes_are_listed_on_them_for_the_engine() {
    CompileResult result =
        compiler.compile(journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P3D"));

    String xml = ((CompileResult.Compiled) result).journey().executableXml();
    EventBasedGateway gate =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
            .getModelElementById("gate");
    assertThat(gate.getOutgoing())
        .extracting(SequenceFlow::getId)
        .containsExactlyInAnyOrder("f3", "f4");
  }

  @Test
  void a_duplicated_id_is_reported_in_words_instead_of_the_xml_schema_error() {
    String xml =
        journey("<zeebe:header key=\"template\" value=\"welcome\" />", "P3D")
            .replace("\"timeout\"", "\"order\"");

    assertThat(compiler.compile(xml))
        .isEqualTo(
            new CompileResult.Rejected(
                List.of(
                    new Problem(
                        "order",
                        "The id \"order\" is used by 2 elements (an intermediate catch event, \"Timeout\"); give each element an id of its own."))));
  }

  @Test
  void text_that_is_not_bpmn_is_rejected_with_a_reason() {
    CompileResult result = compiler.compile("<html>not a journey</html>");

    assertThat(result).isInstanceOf(CompileResult.Rejected.class);
    assertThat(((CompileResult.Rejected) result).problems().getFirst().message())
        .startsWith("The diagram is not valid BPMN XML");
  }

  private static String journey(String headers, String wait) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                          id="d" targetNamespace="https://cairn.dev/test">
          <bpmn:process id="sample" name="Sample journey" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements>
                <zeebe:properties><zeebe:property name="cairn:trigger-event" value="Signed Up" /></zeebe:properties>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:serviceTask id="mail" name="Send welcome">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.email" />
                <zeebe:taskHeaders>%s</zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:eventBasedGateway id="gate" />
            <bpmn:intermediateCatchEvent id="order">
              <bpmn:messageEventDefinition messageRef="order-message" />
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="timeout" name="Timeout">
              <bpmn:timerEventDefinition><bpmn:timeDuration>%s</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="mail" />
            <bpmn:sequenceFlow id="f2" sourceRef="mail" targetRef="gate" />
            <bpmn:sequenceFlow id="f3" sourceRef="gate" targetRef="order" />
            <bpmn:sequenceFlow id="f4" sourceRef="gate" targetRef="timeout" />
            <bpmn:sequenceFlow id="f5" sourceRef="order" targetRef="end" />
            <bpmn:sequenceFlow id="f6" sourceRef="timeout" targetRef="end" />
          </bpmn:process>
          <bpmn:message id="order-message" name="Order Completed" />
        </bpmn:definitions>
        """
        .formatted(headers, wait);
  }
}
