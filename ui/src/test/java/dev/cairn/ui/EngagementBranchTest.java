package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A branch on engagement with an earlier step, on the embedded engine: the contact who opened this
 * journey's welcome email goes down the "opened" path, the one who did not gets the reminder.
 */
class EngagementBranchTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;

  @Test
  void
      a_contact_who_opened_the_earlier_email_takes_the_opened_path_and_one_who_did_not_gets_the_reminder()
          throws Exception {
    String id = "engaged-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Engaged " + id, null, journey(id));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String reader = enter(id, "Rea");
    String ignorer = enter(id, "Ivo");

    String body =
        GreenMailUtil.getBody(awaitEmail(reader, "Welcome Rea"))
            .replace("=\r\n", "")
            .replace("=3D", "=");
    awaitEmail(ignorer, "Welcome Ivo");
    assertThat(open(body)).isEqualTo(200);

    assertThat(awaitPath(reader, "end-opened"))
        .containsExactly("start", "welcome-email", "pause", "did-they-open-decide", "end-opened");
    awaitEmail(ignorer, "Did you see our welcome?");
    assertThat(awaitPath(ignorer, "end-reminded"))
        .contains("reminder-email")
        .doesNotContain("end-opened");
    assertThat(emailsTo(reader)).hasSize(1);
  }

  private int open(String body) throws Exception {
    Matcher pixel = Pattern.compile("https?://[^/\"]+(/t/o/[A-Za-z0-9_-]+)").matcher(body);
    assertThat(pixel.find()).as("an open pixel in the email").isTrue();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pixel.group(1)))
            .GET()
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private String enter(String journeyId, String firstName) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\"}}"
            .formatted(user, journeyId, user, firstName));
    return user;
  }

  /** Welcome email, a pause, then a branch on whether that email was opened. */
  private static String journey(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Engaged" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="welcome-email"/>
            <bpmn:serviceTask id="welcome-email" name="Welcome">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email"/><zeebe:taskHeaders>
                <zeebe:header key="template" value="welcome"/><zeebe:header key="subject" value="Welcome {{ contact.first_name }}"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="welcome-email" targetRef="pause"/>
            <bpmn:intermediateCatchEvent id="pause" name="Two days"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="pause" targetRef="did-they-open"/>
            <bpmn:exclusiveGateway id="did-they-open" name="Opened the welcome?"/>
            <bpmn:sequenceFlow id="opened-path" name="Opened" sourceRef="did-they-open" targetRef="end-opened">
              <bpmn:extensionElements><zeebe:properties>
                <zeebe:property name="cairn:condition" value="{&quot;kind&quot;:&quot;engagement&quot;,&quot;step&quot;:&quot;welcome-email&quot;,&quot;action&quot;:&quot;opened&quot;,&quot;did&quot;:true}"/>
              </zeebe:properties></bpmn:extensionElements>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="not-opened" name="Everyone else" sourceRef="did-they-open" targetRef="reminder-email"/>
            <bpmn:endEvent id="end-opened"/>
            <bpmn:serviceTask id="reminder-email" name="Reminder">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email"/><zeebe:taskHeaders>
                <zeebe:header key="template" value="first-order-nudge"/><zeebe:header key="subject" value="Did you see our welcome?"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f4" sourceRef="reminder-email" targetRef="end-reminded"/>
            <bpmn:endEvent id="end-reminded"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id);
  }
}
