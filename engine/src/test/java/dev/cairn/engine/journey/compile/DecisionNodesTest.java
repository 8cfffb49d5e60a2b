package dev.cairn.engine.journey.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.journey.JourneyProperties;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Branches, splits and goals are checked and compiled before anything reaches the engine. */
class DecisionNodesTest {

  private final JourneyCompiler compiler =
      new JourneyCompiler(
          List.of(step("cairn.branch"), step("cairn.split")),
          new JourneyProperties(null, null, null),
          AttributeSchema::none);

  @Test
  void a_branch_gets_a_deciding_step_and_feel_conditions_on_its_answer() {
    CompileResult result =
        compiler.compile(
            gateway(
                flow("pro", "cairn:condition", rule("trait:plan", "EQUALS", "Pro"))
                    + flow("other", null, null)));

    assertThat(result).isInstanceOf(CompileResult.Compiled.class);
    String xml = ((CompileResult.Compiled) result).journey().executableXml();
    assertThat(xml)
        .contains("type=\"cairn.branch\"")
        .contains("${path_gw == 'pro'}")
        .doesNotContain("cairn:condition");
    assertThat(xml).contains("default=\"other\"");
  }

  @Test
  void split_weights_must_add_up_to_100() {
    CompileResult result =
        compiler.compile(
            gateway(flow("a", "cairn:weight", "60") + flow("b", "cairn:weight", "30")));

    assertThat(problems(result))
        .containsExactly(new Problem("gw", "The weights of \"Choose\" add up to 90%, not 100%."));
  }

  @Test
  void a_weight_that_is_not_a_percentage_is_reported_on_its_path() {
    CompileResult result =
        compiler.compile(
            gateway(flow("a", "cairn:weight", "half") + flow("b", "cairn:weight", "50")));

    assertThat(problems(result))
        .containsExactly(
            new Problem(
                "a", "The weight of \"a\" must be a whole percentage (0-100), not \"half\"."));
  }

  @Test
  void a_branch_without_a_path_for_everyone_else_is_refused() {
    CompileResult result =
        compiler.compile(
            gateway(
                flow("pro", "cairn:condition", rule("trait:plan", "EQUALS", "Pro"))
                    + flow("free", "cairn:condition", rule("trait:plan", "EQUALS", "Free"))));

    assertThat(problems(result))
        .containsExactly(
            new Problem(
                "gw",
                "\"Choose\" needs exactly one path without a condition, for contacts who match none."));
  }

  @Test
  void a_condition_on_an_unknown_attribute_is_reported_on_its_path() {
    CompileResult result =
        compiler.compile(
            gateway(
                flow("pro", "cairn:condition", rule("shoe_size", "EQUALS", "42"))
                    + flow("other", null, null)));

    assertThat(problems(result))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.elementId()).isEqualTo("pro");
              assertThat(problem.message())
                  .startsWith("Path \"pro\": \"shoe_size\" is not an attribute contacts have");
            });
  }

  @Test
  void a_goal_becomes_an_interrupting_event_subprocess_waiting_for_its_event() {
    String journey =
        gateway(flow("a", "cairn:weight", "100"))
            .replace("<bpmn:startEvent", GOAL + "<bpmn:startEvent");

    CompileResult result = compiler.compile(journey);

    CompiledJourney compiled = ((CompileResult.Compiled) result).journey();
    assertThat(compiled.awaitedEvents()).contains("Order Completed");
    assertThat(compiled.executableXml())
        .contains("triggeredByEvent=\"true\"")
        .contains("isInterrupting=\"true\"");
  }

  private static final String GOAL =
      "<bpmn:extensionElements><zeebe:properties><zeebe:property name=\"cairn:goal-event\" value=\"Order Completed\"/></zeebe:properties></bpmn:extensionElements>";

  private static List<Problem> problems(CompileResult result) {
    assertThat(result).isInstanceOf(CompileResult.Rejected.class);
    return ((CompileResult.Rejected) result).problems();
  }

  private static String rule(String attribute, String operator, String value) {
    return "{&quot;kind&quot;:&quot;attribute&quot;,&quot;attribute&quot;:&quot;%s&quot;,&quot;operator&quot;:&quot;%s&quot;,&quot;value&quot;:&quot;%s&quot;}"
        .formatted(attribute, operator, value);
  }

  private static String flow(String id, String property, String value) {
    String extension =
        property == null
            ? ""
            : "<bpmn:extensionElements><zeebe:properties><zeebe:property name=\"%s\" value=\"%s\"/></zeebe:properties></bpmn:extensionElements>"
                .formatted(property, value);
    return "<bpmn:sequenceFlow id=\"%s\" sourceRef=\"gw\" targetRef=\"end-%s\">%s</bpmn:sequenceFlow><bpmn:endEvent id=\"end-%s\"/>"
        .formatted(id, id, extension, id);
  }

  private static String gateway(String flows) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="sample" name="Sample" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="Go"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="to-gw" sourceRef="start" targetRef="gw"/>
            <bpmn:exclusiveGateway id="gw" name="Choose"/>
            %s
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(flows);
  }

  private static StepHandler step(String type) {
    return new StepHandler() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public String displayName() {
        return type;
      }

      @Override
      public Set<String> requiredHeaders() {
        return Set.of();
      }

      @Override
      public StepResult perform(Step step) {
        return StepResult.Completed.empty();
      }
    };
  }
}
