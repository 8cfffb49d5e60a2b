package dev.cairn.channels.sms;

import static dev.cairn.channels.sms.SmsStepTest.ACCOUNT;
import static dev.cairn.channels.sms.SmsStepTest.SERVICE;
import static dev.cairn.channels.sms.SmsStepTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.channels.ChannelSlice;
import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.delivery.OutgoingMessage;
import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.step.Step;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Twilio's status callbacks and replies, signed as Twilio signs them, and forged ones. */
@SpringBootTest(classes = ChannelSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TwilioWebhooksTest {

  private static final String STATUS_URL = "https://cairn.example.com/sms/status";
  private static final String INBOUND_URL = "https://cairn.example.com/sms/inbound";
  private static final AtomicLong JOBS = new AtomicLong(System.nanoTime() + 1_000_000_000L);
  private static final AtomicLong SIDS = new AtomicLong();

  @Autowired DeliveryLedger ledger;
  @Autowired Consents consents;
  @Autowired JdbcClient jdbc;

  private final SmsProperties settings = new SmsProperties(ACCOUNT, TOKEN, SERVICE, null, null);

  @Test
  void a_signed_delivery_report_marks_the_message_delivered() {
    Sent sent = sentMessage();
    Map<String, String> report = report(sent.sid(), "delivered", null);

    TwilioWebhooks.Result result = webhooks().status(STATUS_URL, report, sign(STATUS_URL, report));

    assertThat(result).isEqualTo(TwilioWebhooks.Result.TAKEN);
    assertThat(status(sent)).isEqualTo(MessageStatus.DELIVERED);
    assertThat(SmsStepTest.messageEvents(jdbc, sent.contact()))
        .extracting(event -> event.split(" \\{")[0])
        .containsExactly("SMS Sent", "SMS Delivered");
  }

  @Test
  void a_delivery_reported_twice_is_one_delivered_event() {
    Sent sent = sentMessage();
    Map<String, String> report = report(sent.sid(), "delivered", null);

    webhooks().status(STATUS_URL, report, sign(STATUS_URL, report));
    webhooks().status(STATUS_URL, report, sign(STATUS_URL, report));

    assertThat(SmsStepTest.messageEvents(jdbc, sent.contact()))
        .filteredOn(event -> event.startsWith("SMS Delivered"))
        .hasSize(1);
  }

  @Test
  void a_forged_delivery_report_is_refused_and_changes_nothing() {
    Sent sent = sentMessage();
    Map<String, String> report = report(sent.sid(), "undelivered", "30003");

    assertThat(webhooks().status(STATUS_URL, report, "bm90IGEgc2lnbmF0dXJl"))
        .isEqualTo(TwilioWebhooks.Result.FORGED);
    assertThat(webhooks().status(STATUS_URL, report, null)).isEqualTo(TwilioWebhooks.Result.FORGED);
    // Signed for another address: a replayed request aimed at this one.
    assertThat(
            webhooks()
                .status(
                    STATUS_URL, report, sign("https://elsewhere.example.com/sms/status", report)))
        .isEqualTo(TwilioWebhooks.Result.FORGED);
    assertThat(status(sent)).isEqualTo(MessageStatus.SENT);
    assertThat(SmsStepTest.messageEvents(jdbc, sent.contact()))
        .noneMatch(event -> event.startsWith("SMS Failed"));
  }

  @Test
  void an_undelivered_report_fails_the_message_with_twilios_error_code() {
    Sent sent = sentMessage();
    Map<String, String> report = report(sent.sid(), "undelivered", "30003");

    webhooks().status(STATUS_URL, report, sign(STATUS_URL, report));

    assertThat(status(sent)).isEqualTo(MessageStatus.FAILED);
    assertThat(ledger.forJob(sent.job()).orElseThrow().error()).isEqualTo("Twilio 30003");
    assertThat(SmsStepTest.messageEvents(jdbc, sent.contact()))
        .last()
        .asString()
        .startsWith("SMS Failed ")
        .contains("\"reason\": \"Twilio 30003\"");
  }

  @Test
  void queued_and_sent_reports_leave_an_accepted_message_as_sent() {
    Sent sent = sentMessage();

    for (String state : new String[] {"queued", "sent"}) {
      Map<String, String> report = report(sent.sid(), state, null);
      assertThat(webhooks().status(STATUS_URL, report, sign(STATUS_URL, report)))
          .isEqualTo(TwilioWebhooks.Result.TAKEN);
    }

    assertThat(status(sent)).isEqualTo(MessageStatus.SENT);
  }

  @Test
  void a_signed_stop_reply_opts_the_sender_out_of_sms_and_no_one_else() {
    String phone = SmsStepTest.phone();
    ContactId sender = SmsStepTest.contact(jdbc, consents, "Mia", phone, ConsentStatus.SUBSCRIBED);
    ContactId other =
        SmsStepTest.contact(jdbc, consents, "Ola", SmsStepTest.phone(), ConsentStatus.SUBSCRIBED);
    Map<String, String> reply = reply(phone, " stop ");

    TwilioWebhooks.Result result = webhooks().inbound(INBOUND_URL, reply, sign(INBOUND_URL, reply));

    assertThat(result).isEqualTo(TwilioWebhooks.Result.TAKEN);
    assertThat(sms(sender).status()).isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(sms(sender).source()).isEqualTo("SMS keyword STOP");
    assertThat(sms(other).status()).isEqualTo(ConsentStatus.SUBSCRIBED);
  }

  @Test
  void every_stop_keyword_opts_out_and_every_start_keyword_opts_back_in() {
    String phone = SmsStepTest.phone();
    ContactId contact = SmsStepTest.contact(jdbc, consents, "Noa", phone, ConsentStatus.SUBSCRIBED);

    for (String stop : new String[] {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}) {
      consents.record(contact, ConsentChannel.SMS, ConsentStatus.SUBSCRIBED, "test");
      Map<String, String> reply = reply(phone, stop);
      webhooks().inbound(INBOUND_URL, reply, sign(INBOUND_URL, reply));
      assertThat(sms(contact).status()).as(stop).isEqualTo(ConsentStatus.UNSUBSCRIBED);
    }
    for (String start : new String[] {"START", "YES", "UNSTOP"}) {
      consents.record(contact, ConsentChannel.SMS, ConsentStatus.UNSUBSCRIBED, "test");
      Map<String, String> reply = reply(phone, start);
      webhooks().inbound(INBOUND_URL, reply, sign(INBOUND_URL, reply));
      assertThat(sms(contact).status()).as(start).isEqualTo(ConsentStatus.SUBSCRIBED);
    }
  }

  @Test
  void help_and_other_replies_change_no_consent() {
    String phone = SmsStepTest.phone();
    ContactId contact = SmsStepTest.contact(jdbc, consents, "Eli", phone, ConsentStatus.SUBSCRIBED);

    for (String text : new String[] {"HELP", "stop sending me the red ones", "Thanks!"}) {
      Map<String, String> reply = reply(phone, text);
      assertThat(webhooks().inbound(INBOUND_URL, reply, sign(INBOUND_URL, reply)))
          .isEqualTo(TwilioWebhooks.Result.TAKEN);
    }

    assertThat(sms(contact).status()).isEqualTo(ConsentStatus.SUBSCRIBED);
  }

  @Test
  void a_forged_stop_reply_is_refused_and_changes_no_consent() {
    String phone = SmsStepTest.phone();
    ContactId contact = SmsStepTest.contact(jdbc, consents, "Liv", phone, ConsentStatus.SUBSCRIBED);
    Map<String, String> reply = reply(phone, "STOP");

    TwilioWebhooks.Result result =
        webhooks().inbound(INBOUND_URL, reply, sign(INBOUND_URL, reply(phone, "HELP")));

    assertThat(result).isEqualTo(TwilioWebhooks.Result.FORGED);
    assertThat(sms(contact).status()).isEqualTo(ConsentStatus.SUBSCRIBED);
  }

  @Test
  void without_twilio_credentials_webhooks_are_not_taken() {
    TwilioWebhooks unconfigured =
        new TwilioWebhooks(new SmsProperties(null, null, null, null, null), ledger, consents, jdbc);
    Map<String, String> reply = reply(SmsStepTest.phone(), "STOP");

    assertThat(unconfigured.inbound(INBOUND_URL, reply, sign(INBOUND_URL, reply)))
        .isEqualTo(TwilioWebhooks.Result.NOT_CONFIGURED);
  }

  private TwilioWebhooks webhooks() {
    return new TwilioWebhooks(settings, ledger, consents, jdbc);
  }

  private record Sent(long job, String sid, ContactId contact) {}

  /** A text Twilio accepted: in the ledger as SENT under Twilio's message SID. */
  private Sent sentMessage() {
    String phone = SmsStepTest.phone();
    ContactId contact = SmsStepTest.contact(jdbc, consents, "Ada", phone, ConsentStatus.SUBSCRIBED);
    long job = JOBS.incrementAndGet();
    String sid = "SM%032d".formatted(SIDS.incrementAndGet());
    Step step =
        new Step(job, contact, "sms-test", 1, job, "send-sms", Map.of("text", "Hi"), Map.of(), 3);
    long id = ledger.prepare(new OutgoingMessage(step, Channel.SMS, phone, null, null, "Hi"));
    ledger.finish(id, MessageStatus.SENT, "twilio:" + sid, null);
    return new Sent(job, sid, contact);
  }

  private MessageStatus status(Sent sent) {
    return ledger.forJob(sent.job()).orElseThrow().status();
  }

  private Consent sms(ContactId contact) {
    return consents.of(contact).get(ConsentChannel.SMS);
  }

  private static Map<String, String> report(String sid, String status, String errorCode) {
    Map<String, String> params =
        new TreeMap<>(
            Map.of(
                "AccountSid",
                ACCOUNT,
                "MessageSid",
                sid,
                "MessageStatus",
                status,
                "SmsStatus",
                status));
    if (errorCode != null) {
      params.put("ErrorCode", errorCode);
    }
    return params;
  }

  private static Map<String, String> reply(String from, String body) {
    return Map.of(
        "AccountSid",
        ACCOUNT,
        "MessageSid",
        "SM" + "f".repeat(32),
        "From",
        from,
        "To",
        "+15005550006",
        "Body",
        body);
  }

  /**
   * Twilio's signature, computed here from its documentation: HMAC-SHA1 of the URL and the sorted
   * parameters, base64.
   */
  private static String sign(String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((key, value) -> data.append(key).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
