package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A "wait for an event" with a property filter moves on only for an event that passes it. */
class FilteredEventWaitTest extends CairnIntegrationTest {

  @Autowired Journeys journeys;

  @Test
  void a_contact_waiting_for_an_upgrade_to_pro_ignores_other_plan_changes_and_moves_on_for_pro() {
    String id = "upgrade-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Upgrade " + id, null, journey(id));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String user = "u-" + UUID.randomUUID();
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, id));
    awaitPath(user, "wait-for-pro");

    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Plan Changed\",\"properties\":{\"plan\":\"Basic\"}}"
            .formatted(user));
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(awaitPath(user, "wait-for-pro")).doesNotContain("upgraded");

    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Plan Changed\",\"properties\":{\"plan\":\"Pro\"}}"
            .formatted(user));
    assertThat(awaitPath(user, "upgraded"))
        .containsExactly("start", "wait-for-pro", "pro", "upgraded");
  }

  private static String journey(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Upgrade" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait-for-pro"/>
            <bpmn:eventBasedGateway id="wait-for-pro" name="Wait for Pro"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait-for-pro" targetRef="pro"/>
            <bpmn:sequenceFlow id="f3" sourceRef="wait-for-pro" targetRef="a-week"/>
            <bpmn:intermediateCatchEvent id="pro" name="Upgraded to Pro">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:event-where" value="plan=Pro"/></zeebe:properties></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="plan-changed"/>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="a-week" name="A week"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="pro" targetRef="upgraded"/>
            <bpmn:sequenceFlow id="f5" sourceRef="a-week" targetRef="not-upgraded"/>
            <bpmn:endEvent id="upgraded"/>
            <bpmn:endEvent id="not-upgraded"/>
          </bpmn:process>
          <bpmn:message id="plan-changed" name="Plan Changed"/>
        </bpmn:definitions>
        """
        .formatted(id);
  }
}
