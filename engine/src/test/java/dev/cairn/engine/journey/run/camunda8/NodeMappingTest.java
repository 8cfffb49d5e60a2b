package dev.cairn.engine.journey.run.camunda8;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeMappingTest {

  private static final String V1 =
      """
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
        <bpmn:process id="welcome" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:serviceTask id="send-welcome" />
          <bpmn:intermediateCatchEvent id="wait-3-days" />
          <bpmn:eventBasedGateway id="wait-for-order" />
          <bpmn:serviceTask id="send-tip" />
          <bpmn:endEvent id="done" />
          <bpmn:subProcess id="goal" triggeredByEvent="true">
            <bpmn:startEvent id="goal-reached" />
          </bpmn:subProcess>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="send-welcome" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static final String V2 =
      """
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
        <bpmn:process id="welcome" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:serviceTask id="send-welcome" />
          <bpmn:intermediateCatchEvent id="wait-3-days" />
          <bpmn:eventBasedGateway id="wait-for-order" />
          <bpmn:sendTask id="send-tip" />
          <bpmn:endEvent id="done" />
          <bpmn:subProcess id="goal" triggeredByEvent="true">
            <bpmn:startEvent id="goal-reached" />
          </bpmn:subProcess>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="send-welcome" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Test
  void contacts_move_at_every_node_both_versions_have_including_the_waits_cairn_cannot_see() {
    assertThat(NodeMapping.between(V1, V2))
        .containsOnlyKeys("send-welcome", "wait-3-days", "wait-for-order", "goal", "goal-reached")
        .allSatisfy((source, target) -> assertThat(target).isEqualTo(source));
  }

  @Test
  void a_node_that_changed_kind_is_not_moved_to() {
    assertThat(NodeMapping.between(V1, V2)).doesNotContainKey("send-tip");
  }

  @Test
  void nodes_no_contact_waits_at_are_left_out() {
    assertThat(NodeMapping.between(V1, V2)).doesNotContainKeys("start", "done", "f1", "welcome");
  }
}
