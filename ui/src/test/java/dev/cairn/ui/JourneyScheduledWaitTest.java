package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A "wait until Monday 09:00 in the contact's time zone" on the embedded engine: the scheduling
 * step sets the date and the timer fires (the tests cap every wait at 20 s).
 */
class JourneyScheduledWaitTest extends CairnIntegrationTest {

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;

  @Test
  void a_contact_waits_until_the_scheduled_moment_and_moves_on() {
    String id = "until-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Monday mornings", null, journey(id));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String user = "u-" + UUID.randomUUID();

    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"%s\",\"context\":{\"timezone\":\"America/New_York\"}}"
            .formatted(user, id));

    var path =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    contacts
                        .findByUserId(user)
                        .map(
                            c ->
                                tracking.path(c.id()).stream()
                                    .map(ElementVisit::elementId)
                                    .toList())
                        .orElse(java.util.List.of()),
                elements -> elements.contains("done"));
    assertThat(path).containsSubsequence("monday-schedule", "monday", "done");
  }

  private static String journey(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Monday mornings" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="monday"/>
            <bpmn:intermediateCatchEvent id="monday" name="Monday 09:00">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:wait-until" value="09:00 on MON"/></zeebe:properties></bpmn:extensionElements>
              <bpmn:timerEventDefinition/>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="monday" targetRef="done"/>
            <bpmn:endEvent id="done"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id);
  }
}
