package dev.cairn.engine.journey.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.journey.JourneyProperties;
import dev.cairn.engine.journey.compile.CompileResult;
import dev.cairn.engine.journey.compile.JourneyCompiler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Branches and "wait until" are checked against the attributes declared when the journey is
 * compiled.
 */
class AttributeTypeChecksTest {

  private final Map<String, AttributeType> declared =
      new HashMap<>(
          Map.of(
              "lifetime_value",
              AttributeType.NUMBER,
              "birthday",
              AttributeType.DATE,
              "vip_since",
              AttributeType.STRING));
  private final JourneyCompiler compiler =
      new JourneyCompiler(
          List.of(), new JourneyProperties(null, null, null), () -> new AttributeSchema(declared));

  @Test
  void a_branch_that_compares_declared_attributes_as_their_types_allow_compiles() {
    String condition =
        all(
            attribute("trait:lifetime_value", "AT_LEAST", "100"),
            attribute("trait:birthday", "BEFORE", "2026-03-01"),
            attribute("trait:vip_since", "STARTS_WITH", "2020"));

    assertThat(compiler.compile(branch(condition, ""))).isInstanceOf(CompileResult.Compiled.class);
  }

  @Test
  void
      a_comparison_that_does_not_fit_is_reported_once_on_its_path_naming_the_branch_and_the_path() {
    CompileResult result =
        compiler.compile(branch(attribute("trait:lifetime_value", "AT_LEAST", "abc"), ""));

    assertThat(problems(result))
        .containsExactly(
            new Problem(
                "yes",
                "Branch \"High value?\", path \"Yes\": lifetime_value is a number, but the condition compares it with \"abc\". Enter a number such as"
                    + " 100."));
  }

  @Test
  void
      an_attribute_declared_after_the_compiler_was_made_is_judged_by_its_type_at_the_next_compile() {
    String diagram = branch(attribute("trait:score", "CONTAINS", "high"), "");
    assertThat(compiler.compile(diagram))
        .as("while score is untyped")
        .isInstanceOf(CompileResult.Compiled.class);

    declared.put("score", AttributeType.NUMBER);

    assertThat(problems(compiler.compile(diagram)))
        .extracting(Problem::message)
        .containsExactly(
            "Branch \"High value?\", path \"Yes\": score is a number, which \"contains\" cannot compare. Use \"is\", \"is not\", \"is at least\", \"is at"
                + " most\", \"is more than\", \"is less than\", \"is set\" or \"is not set\" instead.");
  }

  @Test
  void a_diagram_with_other_mistakes_still_gets_its_mismatches_reported() {
    // A default that is not the branch's own path: the diagram cannot be compiled, yet every
    // problem is listed.
    CompileResult result =
        compiler.compile(
            branch(attribute("trait:birthday", "AFTER", "soon"), " default=\"to-gw\""));

    assertThat(problems(result))
        .contains(
            new Problem(
                "yes",
                "Branch \"High value?\", path \"Yes\": birthday is a date, but the condition compares it with \"soon\". Enter a date such as 2026-03-01."))
        .hasSizeGreaterThan(1);
  }

  @Test
  void a_wait_until_a_date_attribute_or_one_no_one_declared_compiles() {
    assertThat(compiler.compile(waitUntil("anniversary of birthday")))
        .isInstanceOf(CompileResult.Compiled.class);
    assertThat(compiler.compile(waitUntil("date in trait:renewal_date")))
        .isInstanceOf(CompileResult.Compiled.class);
    assertThat(compiler.compile(waitUntil("09:00 on MON")))
        .isInstanceOf(CompileResult.Compiled.class);
  }

  @Test
  void a_wait_until_an_attribute_that_is_not_a_date_names_a_date_attribute_to_wait_for_instead() {
    assertThat(problems(compiler.compile(waitUntil("date in vip_since"))))
        .containsExactly(
            new Problem(
                "wait",
                "\"Until VIP day\" waits until the date in vip_since, but vip_since is text, not a date. Wait for a date attribute such as birthday instead,"
                    + " or declare vip_since as a date on the Attributes page."));
  }

  @Test
  void with_no_date_attribute_declared_the_wait_asks_for_one() {
    declared.remove("birthday");

    assertThat(problems(compiler.compile(waitUntil("anniversary of lifetime_value"))))
        .extracting(Problem::message)
        .containsExactly(
            "\"Until VIP day\" waits until the anniversary of lifetime_value, but lifetime_value is a number, not a date. Wait for an attribute declared"
                + " as a date instead, or declare lifetime_value as a date on the Attributes page.");
  }

  private static List<Problem> problems(CompileResult result) {
    assertThat(result).isInstanceOf(CompileResult.Rejected.class);
    return ((CompileResult.Rejected) result).problems();
  }

  private static String attribute(String attribute, String operator, String value) {
    return "{\"kind\":\"attribute\",\"attribute\":\"%s\",\"operator\":\"%s\",\"value\":\"%s\"}"
        .formatted(attribute, operator, value);
  }

  private static String all(String... rules) {
    return "{\"kind\":\"all\",\"rules\":[" + String.join(",", rules) + "]}";
  }

  /**
   * "High value?" (with {@code attributes}) with a path "Yes" taking {@code condition} and a path
   * "No" without one.
   */
  private static String branch(String condition, String attributes) {
    return journey(
        """
        <bpmn:sequenceFlow id="to-gw" sourceRef="start" targetRef="gw"/>
        <bpmn:exclusiveGateway id="gw" name="High value?"%s/>
        <bpmn:sequenceFlow id="yes" name="Yes" sourceRef="gw" targetRef="end-yes">
          <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:condition" value="%s"/></zeebe:properties></bpmn:extensionElements>
        </bpmn:sequenceFlow>
        <bpmn:endEvent id="end-yes"/>
        <bpmn:sequenceFlow id="no" name="No" sourceRef="gw" targetRef="end-no"/>
        <bpmn:endEvent id="end-no"/>
        """
            .formatted(attributes, condition.replace("\"", "&quot;")));
  }

  private static String waitUntil(String until) {
    return journey(
        """
        <bpmn:sequenceFlow id="to-wait" sourceRef="start" targetRef="wait"/>
        <bpmn:intermediateCatchEvent id="wait" name="Until VIP day">
          <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:wait-until" value="%s"/></zeebe:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition/>
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="to-end" sourceRef="wait" targetRef="end"/>
        <bpmn:endEvent id="end"/>
        """
            .formatted(until));
  }

  private static String journey(String elements) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="sample" name="Sample" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="Go"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            %s
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(elements);
  }
}
