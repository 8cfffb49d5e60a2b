package dev.cairn.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.journey.track.OpenIncident;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A journey that calls a webhook (WireMock as the receiver) and then notifies a team member
 * (GreenMail as the SMTP server), entered by an event sent to the API, on the embedded engine.
 */
class WebhookAndNotifyJourneyTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String HOOK = "/hooks/new-lead";

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;
  @Autowired EventFeed events;
  @Autowired JsonMapper json;

  private WireMockServer receiver;

  @BeforeEach
  void startReceiver() {
    receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop();
  }

  @Test
  void a_sign_up_calls_the_crm_with_a_signed_request_and_tells_sales_by_email() throws Exception {
    receiver.stubFor(WireMock.post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(202)));
    String journey = publish("http://127.0.0.1:" + receiver.port() + HOOK);
    String user = "u-" + UUID.randomUUID();
    String team = "sales-" + journey;

    assertThat(track(journey, user).statusCode()).isEqualTo(200);

    MimeMessage note = awaitEmail(team, "New Pro lead: Ann");
    assertThat(GreenMailUtil.getBody(note).strip())
        .isEqualTo("Ann (" + user + "@example.com) wants a demo.");
    assertThat(note.getContentType()).startsWith("text/plain");
    List<LoggedRequest> calls = receiver.findAll(postRequestedFor(urlEqualTo(HOOK)));
    assertThat(calls).hasSize(1);
    LoggedRequest call = calls.getFirst();
    assertThat(signatureOf(call)).isEqualTo(expectedSignature(call, WEBHOOK_SECRET));
    JsonNode body = json.readTree(call.getBodyAsString());
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    assertThat(body.path("deliveryId").asString()).isEqualTo(call.getHeader("X-Cairn-Delivery"));
    assertThat(body.path("contact").path("id").asString()).isEqualTo(contact.toString());
    assertThat(body.path("contact").path("userId").asString()).isEqualTo(user);
    assertThat(body.path("contact").path("email").asString()).isEqualTo(user + "@example.com");
    assertThat(body.path("journey").path("id").asString()).isEqualTo(journey);
    assertThat(body.path("journey").path("version").asInt()).isEqualTo(1);
    assertThat(body.path("journey").path("step").asString()).isEqualTo("tell-crm");
    assertThat(body.path("trigger").path("event").asString()).isEqualTo(journey);
    assertThat(body.path("trigger").path("properties").path("plan").asString()).isEqualTo("Pro");
    // On the contact's timeline: the call, with what came back, and the path through the journey.
    assertThat(webhookCalls(contact))
        .singleElement()
        .satisfies(
            attempt ->
                assertThat(attempt)
                    .containsEntry("status", 202)
                    .containsEntry("outcome", "delivered")
                    .containsEntry("step", "tell-crm"));
    await().atMost(PATIENCE).until(() -> elements(contact), elements -> elements.contains("done"));
  }

  @Test
  void a_receiver_that_refuses_the_call_stops_the_contact_there_as_an_incident_at_once() {
    receiver.stubFor(
        WireMock.post(urlEqualTo(HOOK))
            .willReturn(aResponse().withStatus(404).withBody("no such hook")));
    String journey = publish("http://127.0.0.1:" + receiver.port() + HOOK);
    String user = "u-" + UUID.randomUUID();

    track(journey, user);

    OpenIncident incident =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    tracking.openIncidents(1000).stream()
                        .filter(i -> i.journeyId().equals(journey))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    assertThat(incident.elementId()).isEqualTo("tell-crm");
    assertThat(incident.errorMessage())
        .startsWith("the receiver refused the call with 404: no such hook");
    receiver.verify(
        1, postRequestedFor(urlEqualTo(HOOK))); // no retries: they would get the same answer
    assertThat(emailsTo("sales-" + journey)).isEmpty();
  }

  @Test
  void
      a_receiver_that_stays_down_is_called_once_per_retry_then_the_contact_stops_there_as_an_incident() {
    receiver.stubFor(WireMock.post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(503)));
    String journey = publish("http://127.0.0.1:" + receiver.port() + HOOK);
    String user = "u-" + UUID.randomUUID();

    track(journey, user);

    OpenIncident incident =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    tracking.openIncidents(1000).stream()
                        .filter(i -> i.journeyId().equals(journey))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    assertThat(incident.elementId()).isEqualTo("tell-crm");
    assertThat(incident.errorMessage()).isEqualTo("the receiver answered 503");
    receiver.verify(
        3, postRequestedFor(urlEqualTo(HOOK))); // the step's three retries, one request each
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    assertThat(webhookCalls(contact))
        .extracting(attempt -> attempt.get("outcome"))
        .containsExactly(
            "stopped: no retries left", "will be retried", "will be retried"); // newest first
    assertThat(emailsTo("sales-" + journey)).isEmpty();
  }

  @Test
  void
      a_journey_whose_webhook_and_notify_steps_are_set_up_wrong_is_refused_with_every_problem_on_its_step() {
    String id = "webhook-" + UUID.randomUUID().toString().substring(0, 8);
    String xml =
        journey(id, "crm.example.com/hooks")
            .replace("value=\"PT5S\"", "value=\"PT5M\"")
            .replace("value=\"sales-" + id + "@example.com\"", "value=\"sales@acme.test, bob@\"")
            .replace(
                "value=\"New {{ event.plan }} lead: {{ contact.first_name }}\"",
                "value=\"New lead: {{ contact.first_name\"");
    journeys.addIfAbsent(id, "Set up wrong", null, xml);

    PublishResult result = journeys.publish(id);

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).problems())
        .extracting(Problem::elementId, Problem::message)
        .containsExactlyInAnyOrder(
            tuple(
                "tell-crm",
                "Call webhook \"Tell the CRM\": the address \"crm.example.com/hooks\" is not a full web address; start it with https:// and the server's name."),
            tuple(
                "tell-crm",
                "Call webhook \"Tell the CRM\": the timeout PT5M is longer than a webhook may take (at most PT60S, a minute)."),
            tuple(
                "tell-sales",
                "Notify a team member \"Tell sales\": the address \"bob@\" is not an email address; separate several addresses with commas."),
            tuple(
                "tell-sales",
                "Notify a team member \"Tell sales\": the subject has a Liquid error at line 1, column 32: no viable alternative at input '{{ contact.first_name'."));
  }

  private String publish(String url) {
    String id = "webhook-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "New lead to CRM and sales", null, journey(id, url));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    return id;
  }

  private java.net.http.HttpResponse<String> track(String journey, String user) {
    return post(
        "/v1/track",
        """
        {"userId":"%s","event":"%s","properties":{"plan":"Pro"},"traits":{"email":"%s@example.com","firstName":"Ann"}}
        """
            .formatted(user, journey, user));
  }

  /**
   * Entry, call the CRM, tell sales (an address of the journey's own, so tests never meet), end.
   */
  private static String journey(String id, String url) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="New lead to CRM and sales" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell-crm"/>
            <bpmn:serviceTask id="tell-crm" name="Tell the CRM">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.webhook" retries="3"/>
                <zeebe:taskHeaders>
                  <zeebe:header key="url" value="%2$s"/>
                  <zeebe:header key="timeout" value="PT5S"/>
                </zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="tell-crm" targetRef="tell-sales"/>
            <bpmn:serviceTask id="tell-sales" name="Tell sales">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.notify" retries="3"/>
                <zeebe:taskHeaders>
                  <zeebe:header key="to" value="sales-%1$s@example.com"/>
                  <zeebe:header key="subject" value="New {{ event.plan }} lead: {{ contact.first_name }}"/>
                  <zeebe:header key="text" value="{{ contact.first_name }} ({{ contact.email }}) wants a demo."/>
                </zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="tell-sales" targetRef="done"/>
            <bpmn:endEvent id="done"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, url);
  }

  private static String signatureOf(LoggedRequest call) {
    return call.getHeader("X-Cairn-Signature");
  }

  /**
   * What a receiver computes: t from the header, HMAC-SHA256 of "<t>.<body>" with the shared
   * secret.
   */
  private static String expectedSignature(LoggedRequest call, String secret) throws Exception {
    String t = signatureOf(call).replaceFirst("^t=(\\d+),v1=.*$", "$1");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t="
        + t
        + ",v1="
        + HexFormat.of()
            .formatHex(
                mac.doFinal((t + "." + call.getBodyAsString()).getBytes(StandardCharsets.UTF_8)));
  }

  private List<Map<String, Object>> webhookCalls(ContactId contact) {
    return events.history(contact, 50).stream()
        .filter(event -> "Webhook Called".equals(event.name()))
        .map(StoredEvent::properties)
        .toList();
  }

  private List<String> elements(ContactId contact) {
    return tracking.path(contact).stream().map(ElementVisit::elementId).toList();
  }
}
