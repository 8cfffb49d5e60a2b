package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A text message's short link, followed from the text the contact got, moves a journey waiting for
 * "SMS Clicked".
 */
class SmsShortLinkTest extends CairnIntegrationTest {

  private static final HttpClient PHONE_BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern SHORT_LINK = Pattern.compile("https?://[^/\\s]+(/s/[0-9A-Za-z]{8})");

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired Consents consents;
  @Autowired JdbcClient jdbc;
  @Autowired Deliveries deliveries;

  @Test
  void
      following_the_short_link_redirects_to_the_offer_records_sms_clicked_and_moves_the_waiting_contact_on()
          throws Exception {
    String id = "sms-offer-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "SMS offer " + id, null, journey(id));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String user = "u-" + UUID.randomUUID();
    ContactId contact = subscribedToSms(user);
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, id));
    awaitPath(user, "wait-for-click");

    String text = textTo(contact);
    Matcher link = SHORT_LINK.matcher(text);
    assertThat(link.find()).as("a short link in %s", text).isTrue();
    HttpResponse<String> click = get(link.group(1));

    assertThat(text).doesNotContain("shop.example.com").endsWith(". Reply STOP to opt out.");
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location"))
        .hasValue("https://shop.example.com/offer?code=SPRING&utm_source=sms");
    assertThat(awaitPath(user, "clicked"))
        .containsExactly(
            "start", "may-text-decide", "text-offer", "wait-for-click", "link-clicked", "clicked");
    assertThat(
            jdbc.sql(
                    "select properties ->> 'url' from contact_event where contact_id = :id and name = 'SMS Clicked'")
                .param("id", contact.value())
                .query(String.class)
                .list())
        .containsExactly("https://shop.example.com/offer?code=SPRING&utm_source=sms");
    // The journey page's message table counts the text and its click.
    assertThat(deliveries.stepStats(id))
        .singleElement()
        .satisfies(
            stats -> {
              assertThat(stats.elementId()).isEqualTo("text-offer");
              assertThat(stats.channel()).isEqualTo(Channel.SMS);
              assertThat(stats.sent()).isEqualTo(1);
              assertThat(stats.clicked()).isEqualTo(1);
              assertThat(stats.rate(stats.clicked())).isEqualTo(100.0);
            });
  }

  @Test
  void an_unknown_short_link_is_a_404_page_saying_so_and_never_a_redirect() throws Exception {
    for (String path : new String[] {"/s/NoSuch42", "/s/x", "/s/https:%2F%2Fevil.example.com"}) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
    }
    assertThat(get("/s/NoSuch42").statusCode()).isEqualTo(404);
    assertThat(get("/s/NoSuch42").body()).contains("This link is not known, or has expired.");
  }

  private ContactId subscribedToSms(String user) {
    // Norwegian mobile numbers start with 4[015-8] or 9: any 9xxxxxxx is one, so every run gets a
    // number of its own.
    String phone = "+479" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"firstName\":\"Mia\",\"phone\":\"%s\"}}"
            .formatted(user, phone));
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    consents.record(contact, ConsentChannel.SMS, ConsentStatus.SUBSCRIBED, "test");
    return contact;
  }

  /**
   * The text the contact got, once the step has dealt with it; a text not sent fails with the
   * ledger's reason.
   */
  private String textTo(ContactId contact) {
    Map<String, Object> message =
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () ->
                    jdbc.sql(
                            "select status, error, transport, body_text from message where contact_id = :id and element_id = 'text-offer' and status <> 'PENDING'")
                        .param("id", contact.value())
                        .query()
                        .listOfRows(),
                rows -> !rows.isEmpty())
            .getFirst();
    assertThat(String.valueOf(message.get("status")))
        .as("the text's ledger entry %s", message)
        .isIn("SENT", "OUTBOX", "DELIVERED");
    return String.valueOf(message.get("body_text"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return PHONE_BROWSER.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String journey(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="SMS offer" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="may-text"/>
            <bpmn:exclusiveGateway id="may-text" name="Agreed to texts?" default="no-texts"/>
            <bpmn:sequenceFlow id="texts-ok" sourceRef="may-text" targetRef="text-offer">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:condition" value="{&quot;kind&quot;:&quot;attribute&quot;,&quot;attribute&quot;:&quot;sms_consent&quot;,&quot;operator&quot;:&quot;EQUALS&quot;,&quot;value&quot;:&quot;subscribed&quot;}"/></zeebe:properties></bpmn:extensionElements>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="no-texts" sourceRef="may-text" targetRef="not-clicked"/>
            <bpmn:serviceTask id="text-offer" name="Text the offer">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="cairn.sms" retries="3"/>
                <zeebe:taskHeaders>
                  <zeebe:header key="text" value="Hi {{ contact.first_name }}, 20%% off: https://shop.example.com/offer?code=SPRING&amp;utm_source=sms. Reply STOP to opt out."/>
                </zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="text-offer" targetRef="wait-for-click"/>
            <bpmn:eventBasedGateway id="wait-for-click" name="Wait for a click"/>
            <bpmn:sequenceFlow id="f3" sourceRef="wait-for-click" targetRef="link-clicked"/>
            <bpmn:sequenceFlow id="f4" sourceRef="wait-for-click" targetRef="a-week"/>
            <bpmn:intermediateCatchEvent id="link-clicked" name="Clicked the link"><bpmn:messageEventDefinition messageRef="sms-clicked"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="a-week" name="A week"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f5" sourceRef="link-clicked" targetRef="clicked"/>
            <bpmn:sequenceFlow id="f6" sourceRef="a-week" targetRef="not-clicked"/>
            <bpmn:endEvent id="clicked"/>
            <bpmn:endEvent id="not-clicked"/>
          </bpmn:process>
          <bpmn:message id="sms-clicked" name="SMS Clicked"/>
        </bpmn:definitions>
        """
        .formatted(id);
  }
}
