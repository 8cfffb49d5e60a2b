package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An event one journey waits for is kept briefly by the engine for contacts about to wait for it. A
 * second journey that the same event starts, and that then waits for that event too, must not catch
 * it: that event is what started it, not what it waits for.
 */
class WaitCorrelationTest extends CairnIntegrationTest {

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;

  @Test
  void an_event_published_for_one_journeys_wait_is_not_caught_by_the_journey_it_starts()
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String ping = "Ping " + run;
    publish("waits-" + run, waitingJourney("waits-" + run, "Start " + run, ping));
    publish("started-" + run, startedJourney("started-" + run, ping));
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}".formatted(user, user));
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"Start %s\"}".formatted(user, run));
    awaitPath(user, "first-wait");

    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, ping));

    assertThat(awaitPath(user, "first-pinged")).contains("first-wait", "first-pinged");
    awaitPath(user, "second-wait");
    // Caught the moment it waits if the first ping could be taken; it cannot, so the journey it
    // started waits on.
    Thread.sleep(3_000);
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    assertThat(tracking.path(contact))
        .extracting(ElementVisit::elementId)
        .contains("second-wait")
        .doesNotContain("second-ping", "second-pinged");
  }

  private void publish(String id, String bpmn) {
    journeys.addIfAbsent(id, id, null, bpmn);
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
  }

  /** Starts on {@code start}, then waits a day for {@code ping}. */
  private static String waitingJourney(String id, String start, String ping) {
    return journey(
        id,
        start,
        """
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first-wait"/>
            <bpmn:eventBasedGateway id="first-wait" name="Wait for a ping"/>
            <bpmn:sequenceFlow id="f2" sourceRef="first-wait" targetRef="first-ping"/>
            <bpmn:sequenceFlow id="f3" sourceRef="first-wait" targetRef="first-day"/>
            <bpmn:intermediateCatchEvent id="first-ping"><bpmn:messageEventDefinition messageRef="ping"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="first-day"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="first-ping" targetRef="first-pinged"/>
            <bpmn:sequenceFlow id="f5" sourceRef="first-day" targetRef="first-timed-out"/>
            <bpmn:endEvent id="first-pinged"/>
            <bpmn:endEvent id="first-timed-out"/>
        """,
        ping);
  }

  /**
   * Starts on {@code ping}, pauses two seconds, then waits up to 15 seconds for another ping (other
   * tests show a waiting contact takes an event).
   */
  private static String startedJourney(String id, String ping) {
    return journey(
        id,
        ping,
        """
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="second-pause"/>
            <bpmn:intermediateCatchEvent id="second-pause"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="second-pause" targetRef="second-wait"/>
            <bpmn:eventBasedGateway id="second-wait" name="Wait for another ping"/>
            <bpmn:sequenceFlow id="f3" sourceRef="second-wait" targetRef="second-ping"/>
            <bpmn:sequenceFlow id="f4" sourceRef="second-wait" targetRef="second-timeout"/>
            <bpmn:intermediateCatchEvent id="second-ping"><bpmn:messageEventDefinition messageRef="ping"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="second-timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>PT15S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f5" sourceRef="second-ping" targetRef="second-pinged"/>
            <bpmn:sequenceFlow id="f6" sourceRef="second-timeout" targetRef="second-timed-out"/>
            <bpmn:endEvent id="second-pinged"/>
            <bpmn:endEvent id="second-timed-out"/>
        """,
        ping);
  }

  private static String journey(String id, String trigger, String body, String ping) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="%1$s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%2$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
        %3$s  </bpmn:process>
          <bpmn:message id="ping" name="%4$s"/>
        </bpmn:definitions>
        """
        .formatted(id, trigger, body, ping);
  }
}
