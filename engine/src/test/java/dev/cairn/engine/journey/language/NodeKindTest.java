package dev.cairn.engine.journey.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeKindTest {

  private static final Path LIBRARY = Path.of("../journeys/src/main/resources/cairn/journeys");

  /** Each library journey's nodes, as "id kind" pairs separated by commas. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "abandoned-cart.bpmn; added-to-cart Entry, wait-an-hour Wait, reminder-email Step cairn.email,"
            + " wait-a-day Wait, texts-allowed Branch, reminder-sms Step cairn.sms,"
            + " discount-email Step cairn.email, not-recovered End",
        "birthday.bpmn; signed-up Entry, each-year Branch, birthday-known Branch,"
            + " until-birthday WaitUntil, birthday-email Step cairn.email, check-monthly Wait,"
            + " no-birthday End",
        "browse-abandonment.bpmn; viewed-product Entry, wait-for-interest WaitForEvent.Gateway,"
            + " added-to-cart WaitForEvent.Event, ordered WaitForEvent.Event,"
            + " an-hour-later WaitForEvent.Timeout, browse-email Step cairn.email, carted End,"
            + " bought End, reminded End",
        "double-opt-in.bpmn; consent-pending Entry, confirm-request Step cairn.email,"
            + " wait-for-confirmation WaitForEvent.Gateway, confirmed WaitForEvent.Event,"
            + " three-days WaitForEvent.Timeout, confirm-reminder Step cairn.email,"
            + " wait-again WaitForEvent.Gateway, confirmed-late WaitForEvent.Event,"
            + " four-days WaitForEvent.Timeout, subscribed-welcome Step cairn.email,"
            + " subscribed End, never-confirmed End",
        "lead-nurture.bpmn; lead-created Entry, mark-nurturing Step cairn.update-contact,"
            + " guide-email Step cairn.email, wait-three-days Wait,"
            + " case-study-email Step cairn.email, wait-four-days Wait, sales-ready Branch,"
            + " mark-sales-ready Step cairn.update-contact, tag-for-sales Step cairn.update-contact,"
            + " call-offer-email Step cairn.email, handed-to-sales End,"
            + " mark-nurtured Step cairn.update-contact, nurtured End",
        "post-purchase.bpmn; order-completed Entry, thank-you-email Step cairn.email,"
            + " wait-a-week Wait, review-email Step cairn.email, reorder-known Branch,"
            + " until-reorder WaitUntil, replenish-email Step cairn.email, reminded End,"
            + " no-reorder-date End",
        "welcome-series.bpmn; signed-up Entry, welcome-email Step cairn.email, wait-two-days Wait,"
            + " tips-email Step cairn.email, wait-three-days Wait, ordered-yet Branch,"
            + " offer-email Step cairn.email, offered End, customer End",
        "welcome.bpmn; signed-up Entry, welcome-email Step cairn.email,"
            + " wait-for-first-order WaitForEvent.Gateway, order-completed WaitForEvent.Event,"
            + " no-order-yet WaitForEvent.Timeout, thank-you-email Step cairn.email,"
            + " nudge-email Step cairn.email, purchased End, not-purchased End",
        "win-back.bpmn; became-at-risk Entry, miss-you-email Step cairn.email,"
            + " wait-for-return WaitForEvent.Gateway, ordered WaitForEvent.Event,"
            + " clicked WaitForEvent.Event, two-weeks-quiet WaitForEvent.Timeout, won-back End,"
            + " re-engaged End, last-chance-email Step cairn.email,"
            + " wait-for-offer WaitForEvent.Gateway, ordered-with-offer WaitForEvent.Event,"
            + " clicked-offer WaitForEvent.Event, week-quiet WaitForEvent.Timeout,"
            + " won-back-by-offer End, re-engaged-by-offer End,"
            + " sunset Step cairn.update-contact, sunset-done End",
      })
  void each_node_of_a_library_journey_is_of_the_kind_it_is_drawn_as(String journey, String expected)
      throws IOException {
    Process process = process(Files.readString(LIBRARY.resolve(journey)));

    Map<String, String> kinds = new TreeMap<>();
    for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
      kinds.put(node.getId(), NodeKind.of(node).map(NodeKindTest::describe).orElse("none"));
    }

    Map<String, String> wanted = new TreeMap<>();
    for (String pair : expected.split(",")) {
      String[] idAndKind = pair.strip().split(" ", 2);
      wanted.put(idAndKind[0], idAndKind[1]);
    }
    assertThat(kinds).isEqualTo(wanted);
  }

  @Test
  void the_library_covers_every_kind_of_node_but_the_split() throws IOException {
    java.util.Set<String> seen = new java.util.TreeSet<>();
    try (var journeys = Files.list(LIBRARY)) {
      for (Path journey : journeys.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        for (FlowNode node :
            process(Files.readString(journey)).getChildElementsByType(FlowNode.class)) {
          NodeKind.of(node).ifPresent(kind -> seen.add(kind.getClass().getSimpleName()));
        }
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "Entry", "Step", "Wait", "WaitUntil", "Gateway", "Event", "Timeout", "Branch", "End");
  }

  @Test
  void an_element_the_journey_language_has_no_kind_for_is_refused() {
    Process process =
        process(
            diagram(
                """
                <bpmn:userTask id="ask" />
                <bpmn:parallelGateway id="fork" />
                <bpmn:task id="nothing" />
                """));

    for (String id : new String[] {"ask", "fork", "nothing"}) {
      assertThat(NodeKind.of(node(process, id))).as(id).isEmpty();
    }
  }

  @Test
  void a_split_reads_its_weights_in_the_order_drawn_and_its_success_event() {
    Process process =
        process(
            diagram(
                """
                <bpmn:exclusiveGateway id="split">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="cairn:success-event" value="Order Completed" />
                  </zeebe:properties></bpmn:extensionElements>
                </bpmn:exclusiveGateway>
                <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
                <bpmn:sequenceFlow id="to-b" sourceRef="split" targetRef="b">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="cairn:weight" value="30" />
                  </zeebe:properties></bpmn:extensionElements>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="to-a" sourceRef="split" targetRef="a">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="cairn:weight" value="70" />
                  </zeebe:properties></bpmn:extensionElements>
                </bpmn:sequenceFlow>
                """));

    NodeKind kind = NodeKind.of(node(process, "split")).orElseThrow();

    assertThat(kind).isInstanceOf(Split.class);
    Split split = (Split) kind;
    assertThat(split.weights().entrySet())
        .extracting(entry -> entry.getKey().getId() + "=" + entry.getValue())
        .containsExactly("to-b=30", "to-a=70");
    assertThat(split.successEvent()).isEqualTo("Order Completed");
    assertThat(split.stepType()).contains("cairn.split");
  }

  @Test
  void a_gateway_mixing_conditions_and_weights_is_a_branch_not_a_split() {
    Process process =
        process(
            diagram(
                """
                <bpmn:exclusiveGateway id="mixed" />
                <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
                <bpmn:sequenceFlow id="to-a" sourceRef="mixed" targetRef="a">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="cairn:weight" value="50" />
                  </zeebe:properties></bpmn:extensionElements>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="to-b" sourceRef="mixed" targetRef="b">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="cairn:condition" value="{}" />
                  </zeebe:properties></bpmn:extensionElements>
                </bpmn:sequenceFlow>
                """));

    assertThat(NodeKind.of(node(process, "mixed")))
        .hasValueSatisfying(kind -> assertThat(kind).isInstanceOf(Branch.class));
    assertThat(Split.weightsOf(node(process, "mixed"))).hasSize(1);
  }

  @Test
  void an_entry_and_a_wait_until_read_their_settings_as_drawn() {
    Process process =
        process(
            diagram(
                """
                <bpmn:startEvent id="start">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="cairn:trigger-schedule" value="0 9 * * MON" />
                    <zeebe:property name="cairn:trigger-segment" value="vip" />
                    <zeebe:property name="cairn:re-entry" value="once" />
                    <zeebe:property name="other:setting" value="ignored" />
                  </zeebe:properties></bpmn:extensionElements>
                </bpmn:startEvent>
                <bpmn:intermediateCatchEvent id="until">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="cairn:wait-until" value="anniversary of birthday" />
                    <zeebe:property name="cairn:wait-offset" value="-P7D" />
                  </zeebe:properties></bpmn:extensionElements>
                  <bpmn:timerEventDefinition id="until-timer" />
                </bpmn:intermediateCatchEvent>
                """));

    assertThat(NodeKind.of(node(process, "start")))
        .contains(new Entry(null, null, "0 9 * * MON", "vip", "once", null));
    assertThat(NodeKind.of(node(process, "until")))
        .contains(new WaitUntil("anniversary of birthday", "-P7D", null));
    assertThat(NodeKind.of(node(process, "until")).flatMap(NodeKind::stepType))
        .contains("cairn.schedule");
    assertThat(Optional.of(Goal.of(process))).contains(new Goal(null, null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      nullValues = "-",
      value = {
        "Signed Up; -; -; -; OnEvent[event=Signed Up, where={}]",
        "' Order Completed '; plan=Pro; -; -; OnEvent[event=Order Completed, where={plan=Pro}]",
        "Segment Entered; segment_id=vip; -; -; OnSegment[segmentId=vip]",
        "Segment Entered; -; -; -; OnSegment[segmentId=null]",
        "-; -; 0 9 * * MON; vip; OnSchedule[cron=0 9 * * MON, segmentId=vip]",
        "-; -; 0 9 * * MON; ' '; OnSchedule[cron=0 9 * * MON, segmentId=null]",
        "-; -; -; -; ThroughApi[]",
      })
  void an_entry_says_what_enters_contacts(
      String event, String where, String schedule, String segment, String trigger) {
    Entry entry = new Entry(event, where, schedule, segment, null, null);

    assertThat(entry.trigger()).hasToString(trigger);
  }

  private static String describe(NodeKind kind) {
    return switch (kind) {
      case Step step -> "Step " + step.type();
      case WaitForEvent.Gateway gateway -> "WaitForEvent.Gateway";
      case WaitForEvent.Event event -> "WaitForEvent.Event";
      case WaitForEvent.Timeout timeout -> "WaitForEvent.Timeout";
      case Entry entry -> "Entry";
      case Wait wait -> "Wait";
      case WaitUntil until -> "WaitUntil";
      case Branch branch -> "Branch";
      case Split split -> "Split";
      case Goal goal -> "Goal";
      case End end -> "End";
    };
  }

  private static String diagram(String nodes) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
        %s
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(nodes);
  }

  private static Process process(String xml) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return model.getModelElementsByType(Process.class).iterator().next();
  }

  private static FlowNode node(Process process, String id) {
    return process.getModelInstance().getModelElementById(id);
  }
}
