package dev.cairn.channels.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageView;
import dev.cairn.channels.delivery.SendPolicy;
import dev.cairn.channels.template.Templates;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepResult;
import dev.cairn.ui.CairnIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SMS through the Twilio SDK, with WireMock standing in for Twilio's REST API and its callbacks.
 */
class SmsChannelTest extends CairnIntegrationTest {

  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private static final String TOKEN = "twilio-test-token";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final AtomicLong JOBS = new AtomicLong(System.nanoTime());

  @Autowired Contacts contacts;
  @Autowired Templates templates;
  @Autowired DeliveryLedger ledger;
  @Autowired Consents consents;
  @Autowired SendPolicy policy;
  @Autowired JdbcClient jdbc;
  @Autowired SmsLinks links;

  private WireMockServer twilio;
  private SmsStep step;
  private SmsProperties settings;

  @BeforeEach
  void startTwilioStandIn() {
    twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    twilio.start();
    settings =
        new SmsProperties(
            ACCOUNT,
            TOKEN,
            "MG00000000000000000000000000000001",
            null,
            "http://127.0.0.1:" + twilio.port());
    step = SmsStep.using(contacts, templates, ledger, consents, policy, links, settings);
  }

  @AfterEach
  void stopTwilioStandIn() {
    twilio.stop();
  }

  @Test
  void a_subscribed_contact_gets_the_rendered_text_once_even_when_the_job_is_handed_out_again() {
    ContactId contact = contact("Mia", ConsentStatus.SUBSCRIBED);
    accepts("SM11111111111111111111111111111111");
    long job = JOBS.incrementAndGet();

    StepResult first = step.perform(step(job, contact));
    StepResult again = step.perform(step(job, contact));

    assertThat(first).isInstanceOf(StepResult.Completed.class);
    assertThat(again).isEqualTo(first);
    twilio.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withRequestBody(containing("To=%2B4741234567"))
            .withRequestBody(containing("Body=Hi+Mia%2C+use+SAVE10"))
            .withRequestBody(containing("MessagingServiceSid=MG00000000000000000000000000000001"))
            .withRequestBody(containing("StatusCallback=")));
    assertThat(message(job).status().name()).isEqualTo("SENT");
    assertThat(message(job).transport()).isEqualTo("twilio:SM11111111111111111111111111111111");
  }

  @Test
  void a_recipient_who_replied_stop_is_failed_for_good_and_opted_out_without_retries() {
    ContactId contact = contact("Noa", ConsentStatus.SUBSCRIBED);
    twilio.stubFor(
        WireMock.post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"more_info\":\"https://www.twilio.com/docs/errors/21610\",\"status\":400}")));
    long job = JOBS.incrementAndGet();

    StepResult result = step.perform(step(job, contact));

    assertThat(result).isInstanceOf(StepResult.Completed.class);
    assertThat(message(job).status().name()).isEqualTo("FAILED");
    assertThat(message(job).error()).contains("21610");
    assertThat(consents.of(contact).get(ConsentChannel.SMS).status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
  }

  @Test
  void throttling_and_outages_are_retried() {
    ContactId contact = contact("Ola", ConsentStatus.SUBSCRIBED);
    twilio.stubFor(
        WireMock.post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}")));

    StepResult result = step.perform(step(JOBS.incrementAndGet(), contact));

    assertThat(result).isInstanceOf(StepResult.Failed.class);
  }

  @Test
  void a_contact_who_never_subscribed_to_sms_is_skipped_and_twilio_is_not_called() {
    ContactId contact = contact("Pia", null);
    long job = JOBS.incrementAndGet();

    step.perform(step(job, contact));

    assertThat(message(job).status().name()).isEqualTo("SKIPPED");
    twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void signed_callbacks_report_delivery_and_stop_opts_out_while_forged_ones_are_refused()
      throws Exception {
    ContactId contact = contact("Rui", ConsentStatus.SUBSCRIBED);
    accepts("SM22222222222222222222222222222222");
    long job = JOBS.incrementAndGet();
    step.perform(step(job, contact));
    TwilioWebhooks webhooks = new TwilioWebhooks(settings, ledger, consents, jdbc);
    String statusUrl = "https://cairn.example.com/sms/status";
    Map<String, String> delivered =
        Map.of("MessageSid", "SM22222222222222222222222222222222", "MessageStatus", "delivered");

    assertThat(webhooks.status(statusUrl, delivered, "forged"))
        .isEqualTo(TwilioWebhooks.Result.FORGED);
    assertThat(message(job).status().name()).isEqualTo("SENT");
    assertThat(webhooks.status(statusUrl, delivered, sign(statusUrl, delivered)))
        .isEqualTo(TwilioWebhooks.Result.TAKEN);
    assertThat(message(job).status().name()).isEqualTo("DELIVERED");

    String inboundUrl = "https://cairn.example.com/sms/inbound";
    Map<String, String> stop = Map.of("From", "+4741234567", "Body", " stop ");
    assertThat(webhooks.inbound(inboundUrl, stop, sign(inboundUrl, stop)))
        .isEqualTo(TwilioWebhooks.Result.TAKEN);
    assertThat(consents.of(contact).get(ConsentChannel.SMS).status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(consents.of(contact).get(ConsentChannel.SMS).source()).isEqualTo("SMS keyword STOP");
  }

  private void accepts(String sid) {
    twilio.stubFor(
        WireMock.post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\""
                            + sid
                            + "\",\"status\":\"queued\",\"account_sid\":\""
                            + ACCOUNT
                            + "\"}")));
  }

  /** The same phone for every contact: each test's contact is its own, found by id. */
  private ContactId contact(String firstName, ConsentStatus sms) {
    jdbc.sql("update contact set phone = null where phone = '+4741234567'").update();
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"firstName\":\"%s\",\"phone\":\"+47 412 34 567\"}}"
            .formatted(user, firstName));
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    if (sms != null) {
      consents.record(contact, ConsentChannel.SMS, sms, "test");
    }
    return contact;
  }

  private static Step step(long job, ContactId contact) {
    return new Step(
        job,
        contact,
        "sms-test",
        1,
        job,
        "send-sms",
        Map.of("text", "Hi {{ contact.first_name }}, use SAVE10"),
        Map.of(),
        3);
  }

  private MessageView message(long job) {
    return ledger.forJob(job).orElseThrow();
  }

  /** Twilio's signature: HMAC-SHA1 over the URL and the sorted parameters, base64. */
  private static String sign(String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((key, value) -> data.append(key).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
