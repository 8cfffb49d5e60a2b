package dev.cairn.channels.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.cairn.channels.ChannelSlice;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.delivery.MessageView;
import dev.cairn.channels.delivery.SendPolicy;
import dev.cairn.channels.template.Templates;
import dev.cairn.channels.tracking.TrackingProperties;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepResult;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The send-SMS step against real PostgreSQL, with WireMock standing in for Twilio's REST API. */
@SpringBootTest(classes = ChannelSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SmsStepTest {

  static final String ACCOUNT = "AC00000000000000000000000000000001";
  static final String TOKEN = "twilio-test-token";
  static final String SERVICE = "MG00000000000000000000000000000001";
  static final String STATUS_URL = "https://cairn.example.com/sms/status";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final AtomicLong JOBS = new AtomicLong(System.nanoTime());
  private static final AtomicLong PHONES = new AtomicLong(1_000_000);
  private static final TrackingProperties TRACKING =
      new TrackingProperties("https://cairn.example.com", null, Duration.ofDays(30));
  private static final Pattern SHORT_LINK =
      Pattern.compile("https://cairn\\.example\\.com/s/([0-9A-Za-z]{8})");
  private static final String WITH_LINKS =
      "Hi {{ contact.first_name }}, your cart: https://shop.example.com/cart?item=42&utm_source=sms. Sizes (https://shop.example.com/sizes) too. Reply STOP to opt out.";

  @Autowired Contacts contacts;
  @Autowired Templates templates;
  @Autowired DeliveryLedger ledger;
  @Autowired Consents consents;
  @Autowired SendPolicy policy;
  @Autowired JdbcClient jdbc;
  @Autowired EventIngestion events;
  @Autowired Clock clock;

  private WireMockServer twilio;

  @BeforeEach
  void startTwilioStandIn() {
    twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    twilio.start();
  }

  @AfterEach
  void stopTwilioStandIn() {
    twilio.stop();
  }

  @Test
  void
      a_subscribed_contact_gets_the_rendered_text_through_the_messaging_service_with_a_status_callback() {
    String phone = phone();
    ContactId contact = contact("Mia", phone, ConsentStatus.SUBSCRIBED);
    accepts("SM11111111111111111111111111111111");
    long job = JOBS.incrementAndGet();

    StepResult result = step(SERVICE, null).perform(step(job, contact));

    assertThat(result)
        .isEqualTo(new StepResult.Completed(Map.of("lastMessageId", message(job).id())));
    twilio.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withBasicAuth(new BasicCredentials(ACCOUNT, TOKEN))
            .withFormParam("To", equalTo(phone))
            .withFormParam("Body", equalTo("Hi Mia, use SAVE10 ✓"))
            .withFormParam("MessagingServiceSid", equalTo(SERVICE))
            .withFormParam("From", absent())
            .withFormParam("StatusCallback", equalTo(STATUS_URL)));
    assertThat(message(job).status()).isEqualTo(MessageStatus.SENT);
    assertThat(message(job).recipient()).isEqualTo(phone);
    assertThat(message(job).bodyText()).isEqualTo("Hi Mia, use SAVE10 ✓");
    assertThat(message(job).transport()).isEqualTo("twilio:SM11111111111111111111111111111111");
    assertThat(messageEvents(jdbc, contact))
        .containsExactly(
            "SMS Sent {\"channel\": \"sms\", \"transport\": \"twilio\", \"element_id\": \"send-sms\", \"journey_id\": \"sms-test\", \"message_id\": %d}"
                .formatted(message(job).id()));
  }

  @Test
  void a_first_name_with_markup_reaches_the_phone_as_it_was_sent_not_html_escaped() {
    ContactId contact = contact("<img src=x onerror=alert(1)>", phone(), ConsentStatus.SUBSCRIBED);
    accepts("SM44444444444444444444444444444444");

    step(SERVICE, null).perform(step(JOBS.incrementAndGet(), contact));

    twilio.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withFormParam("Body", equalTo("Hi <img src=x onerror=alert(1)>, use SAVE10 ✓")));
  }

  @Test
  void without_a_messaging_service_the_text_goes_from_the_configured_number() {
    String phone = phone();
    ContactId contact = contact("Ivo", phone, ConsentStatus.SUBSCRIBED);
    accepts("SM33333333333333333333333333333333");

    step(null, "+15005550006").perform(step(JOBS.incrementAndGet(), contact));

    twilio.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo(phone))
            .withFormParam("From", equalTo("+15005550006"))
            .withFormParam("MessagingServiceSid", absent()));
  }

  @Test
  void a_job_handed_out_again_after_sending_does_not_send_a_second_text() {
    ContactId contact = contact("Ola", phone(), ConsentStatus.SUBSCRIBED);
    accepts("SM22222222222222222222222222222222");
    long job = JOBS.incrementAndGet();
    SmsStep step = step(SERVICE, null);

    StepResult first = step.perform(step(job, contact));
    StepResult again = step.perform(step(job, contact));

    assertThat(again).isEqualTo(first);
    twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(
            jdbc.sql("select count(*) from message where job_key = :job")
                .param("job", job)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void a_recipient_who_replied_stop_fails_for_good_without_retry_and_is_opted_out_of_sms() {
    ContactId contact = contact("Noa", phone(), ConsentStatus.SUBSCRIBED);
    refuses(400, 21610, "Attempt to send to unsubscribed recipient");
    long job = JOBS.incrementAndGet();

    StepResult result = step(SERVICE, null).perform(step(job, contact));

    assertThat(result).isInstanceOf(StepResult.Completed.class); // no retry
    assertThat(message(job).status()).isEqualTo(MessageStatus.FAILED);
    assertThat(message(job).error()).contains("21610");
    assertThat(consents.of(contact).get(ConsentChannel.SMS).status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(consents.allows(contact, ConsentChannel.SMS)).isFalse();
    assertThat(messageEvents(jdbc, contact))
        .singleElement()
        .asString()
        .startsWith("SMS Failed ")
        .contains("21610");
  }

  @Test
  void an_invalid_number_fails_for_good_without_retry_and_keeps_the_contacts_consent() {
    ContactId contact = contact("Liv", phone(), ConsentStatus.SUBSCRIBED);
    refuses(400, 21211, "The 'To' number is not a valid phone number.");
    long job = JOBS.incrementAndGet();

    StepResult result = step(SERVICE, null).perform(step(job, contact));

    assertThat(result).isInstanceOf(StepResult.Completed.class);
    assertThat(message(job).status()).isEqualTo(MessageStatus.FAILED);
    assertThat(message(job).error()).contains("21211");
    assertThat(consents.allows(contact, ConsentChannel.SMS)).isTrue();
  }

  @Test
  void an_outage_at_twilio_fails_the_job_so_the_engine_retries_it_and_the_retry_sends_once() {
    ContactId contact = contact("Eli", phone(), ConsentStatus.SUBSCRIBED);
    refuses(503, 20503, "Service unavailable");
    long job = JOBS.incrementAndGet();
    SmsStep step = step(SERVICE, null);

    StepResult outage = step.perform(step(job, contact));
    twilio.verify(
        1,
        postRequestedFor(
            urlEqualTo(MESSAGES))); // one request per attempt: the engine does the retrying
    twilio.resetAll();
    accepts("SM44444444444444444444444444444444");
    StepResult retry = step.perform(step(job, contact));

    assertThat(outage).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) outage).reason()).contains("503");
    assertThat(((StepResult.Failed) outage).retryBackoff()).isPositive();
    assertThat(retry).isInstanceOf(StepResult.Completed.class);
    assertThat(message(job).status()).isEqualTo(MessageStatus.SENT);
    twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void throttling_by_twilio_asks_for_a_retry() {
    ContactId contact = contact("Ada", phone(), ConsentStatus.SUBSCRIBED);
    refuses(429, 20429, "Too Many Requests");
    long job = JOBS.incrementAndGet();

    StepResult result = step(SERVICE, null).perform(step(job, contact));

    assertThat(result).isInstanceOf(StepResult.Failed.class);
    assertThat(message(job).status()).isEqualTo(MessageStatus.PENDING);
    twilio.verify(
        1,
        postRequestedFor(
            urlEqualTo(MESSAGES))); // not again at once: the engine waits out the backoff
  }

  @Test
  void wrong_credentials_fail_the_job_instead_of_failing_the_message() {
    ContactId contact = contact("Kai", phone(), ConsentStatus.SUBSCRIBED);
    refuses(401, 20003, "Authenticate");

    StepResult result = step(SERVICE, null).perform(step(JOBS.incrementAndGet(), contact));

    assertThat(result).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) result).reason()).contains("cairn.sms.account-sid");
  }

  @Test
  void without_twilio_credentials_the_text_goes_to_the_outbox() {
    ContactId contact = contact("Una", phone(), ConsentStatus.SUBSCRIBED);
    long job = JOBS.incrementAndGet();
    SmsStep outboxOnly =
        new SmsStep(
            contacts,
            templates,
            ledger,
            consents,
            policy,
            links(true),
            new SmsProperties(null, null, SERVICE, null, null),
            new TrackingProperties("https://cairn.example.com", null, null));

    StepResult result = outboxOnly.perform(step(job, contact));

    assertThat(result).isInstanceOf(StepResult.Completed.class);
    assertThat(message(job).status()).isEqualTo(MessageStatus.OUTBOX);
    assertThat(message(job).bodyText()).isEqualTo("Hi Una, use SAVE10 ✓");
    twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void sms_is_not_sent_when_recipient_opted_out() {
    ContactId contact = contact("Rui", phone(), ConsentStatus.UNSUBSCRIBED);
    long job = JOBS.incrementAndGet();

    StepResult result = step(SERVICE, null).perform(step(job, contact));

    assertThat(result).isInstanceOf(StepResult.Completed.class);
    assertThat(message(job).status()).isEqualTo(MessageStatus.SKIPPED);
    assertThat(message(job).error()).isEqualTo("opted out of SMS (test)");
    twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(messageEvents(jdbc, contact)).isEmpty();
  }

  @Test
  void a_contact_who_never_subscribed_to_sms_is_skipped() {
    ContactId contact = contact("Pia", phone(), null);
    long job = JOBS.incrementAndGet();

    step(SERVICE, null).perform(step(job, contact));

    assertThat(message(job).status()).isEqualTo(MessageStatus.SKIPPED);
    assertThat(message(job).error()).isEqualTo("the contact has not subscribed to SMS");
    twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void a_contact_without_a_phone_number_is_skipped_with_the_reason() {
    ContactId contact = contact("Sam", null, ConsentStatus.SUBSCRIBED);
    long job = JOBS.incrementAndGet();

    StepResult result = step(SERVICE, null).perform(step(job, contact));

    assertThat(result).isInstanceOf(StepResult.Completed.class);
    assertThat(message(job).status()).isEqualTo(MessageStatus.SKIPPED);
    assertThat(message(job).error()).isEqualTo("the contact has no phone number");
    twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void links_reach_twilio_as_short_links_that_lead_to_the_original_and_record_the_click() {
    ContactId contact = contact("Mia", phone(), ConsentStatus.SUBSCRIBED);
    accepts("SM55555555555555555555555555555555");
    long job = JOBS.incrementAndGet();

    step(SERVICE, null).perform(step(job, contact, WITH_LINKS, Map.of()));

    String body = twilioBody();
    List<String> codes = codes(body);
    assertThat(codes).hasSize(2).doesNotHaveDuplicates();
    assertThat(body)
        .isEqualTo(
            "Hi Mia, your cart: https://cairn.example.com/s/"
                + codes.get(0)
                + ". Sizes (https://cairn.example.com/s/"
                + codes.get(1)
                + ") too. Reply STOP to opt out.");
    assertThat(body).hasSize(129); // each link 36 characters, whatever it replaced: one segment
    assertThat(message(job).bodyText()).isEqualTo(body);
    assertThat(links(true).follow(codes.get(0)))
        .hasValue(URI.create("https://shop.example.com/cart?item=42&utm_source=sms"));
    assertThat(links(true).follow(codes.get(1)))
        .hasValue(URI.create("https://shop.example.com/sizes"));
    assertThat(clicks(contact))
        .containsExactly(
            "{\"url\": \"https://shop.example.com/cart?item=42&utm_source=sms\", \"element_id\": \"send-sms\", \"journey_id\": \"sms-test\", \"message_id\": "
                + message(job).id()
                + "}",
            "{\"url\": \"https://shop.example.com/sizes\", \"element_id\": \"send-sms\", \"journey_id\": \"sms-test\", \"message_id\": "
                + message(job).id()
                + "}");
  }

  @Test
  void a_step_with_shorten_links_false_sends_its_links_as_written() {
    ContactId contact = contact("Ivo", phone(), ConsentStatus.SUBSCRIBED);
    accepts("SM66666666666666666666666666666666");

    step(SERVICE, null)
        .perform(
            new Step(
                JOBS.incrementAndGet(),
                contact,
                "sms-test",
                1,
                1,
                "send-sms",
                Map.of("text", WITH_LINKS, "shorten-links", "false"),
                Map.of(),
                3));

    assertThat(twilioBody())
        .contains("https://shop.example.com/cart?item=42&utm_source=sms.")
        .doesNotContain("/s/");
  }

  @Test
  void with_shortening_off_for_all_links_are_sent_as_written() {
    ContactId contact = contact("Ola", phone(), ConsentStatus.SUBSCRIBED);
    accepts("SM77777777777777777777777777777777");
    SmsProperties settings =
        new SmsProperties(ACCOUNT, TOKEN, SERVICE, null, "http://127.0.0.1:" + twilio.port());
    SmsStep unshortened =
        new SmsStep(
            contacts,
            templates,
            ledger,
            consents,
            policy,
            links(false),
            new TwilioGateway(settings),
            STATUS_URL);

    unshortened.perform(step(JOBS.incrementAndGet(), contact, WITH_LINKS, Map.of()));

    assertThat(twilioBody())
        .isEqualTo(
            "Hi Ola, your cart: https://shop.example.com/cart?item=42&utm_source=sms. Sizes (https://shop.example.com/sizes) too. Reply STOP to opt out.");
  }

  @Test
  void a_link_in_a_test_run_leads_on_but_records_no_click() {
    ContactId contact = contact("Pia", phone(), ConsentStatus.SUBSCRIBED);
    long job = JOBS.incrementAndGet();

    step(SERVICE, null).perform(step(job, contact, WITH_LINKS, Map.of(Step.TEST_RUN, true)));

    assertThat(message(job).status()).isEqualTo(MessageStatus.TEST);
    List<String> codes = codes(message(job).bodyText());
    assertThat(links(true).follow(codes.get(0)))
        .hasValue(URI.create("https://shop.example.com/cart?item=42&utm_source=sms"));
    assertThat(clicks(contact)).isEmpty();
    twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void an_unknown_malformed_or_expired_code_leads_nowhere() {
    ContactId contact = contact("Rui", phone(), ConsentStatus.SUBSCRIBED);
    long job = JOBS.incrementAndGet();
    step(SERVICE, null).perform(step(job, contact, WITH_LINKS, Map.of(Step.TEST_RUN, true)));
    String code = codes(message(job).bodyText()).get(0);
    SmsLinks monthLater =
        new SmsLinks(
            TRACKING,
            new SmsLinkProperties(true),
            jdbc,
            events,
            Clock.offset(clock, Duration.ofDays(31)));

    assertThat(links(true).follow("Zz9Zz9Zz")).isEmpty();
    assertThat(links(true).follow("../" + code)).isEmpty();
    assertThat(
            links(true)
                .follow(code.toLowerCase().equals(code) ? code.toUpperCase() : code.toLowerCase()))
        .isEmpty();
    assertThat(monthLater.follow(code)).isEmpty();
  }

  @Test
  void
      the_length_preview_counts_each_link_as_long_as_the_short_link_it_becomes_and_stores_nothing() {
    String text =
        "Cart: https://shop.example.com/cart?item=42&utm_source=sms&utm_campaign=spring-sale-2026-with-a-long-name&utm_content=evening-text-banner. Cairn: https://cairn.example.com/p/abc";
    long stored = jdbc.sql("select count(*) from sms_link").query(Long.class).single();

    String preview = links(true).preview(text);

    assertThat(preview)
        .isEqualTo(
            "Cart: https://cairn.example.com/s/xxxxxxxx. Cairn: https://cairn.example.com/p/abc");
    assertThat(preview).hasSameSizeAs(links(true).shorten(text).text());
    assertThat(SmsEncoding.of(text).segments()).isEqualTo(2);
    assertThat(SmsEncoding.of(preview).segments()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from sms_link").query(Long.class).single())
        .isEqualTo(stored);
  }

  private String twilioBody() {
    return twilio
        .findAll(postRequestedFor(urlEqualTo(MESSAGES)))
        .getFirst()
        .formParameters()
        .get("Body")
        .firstValue();
  }

  private static List<String> codes(String body) {
    Matcher matcher = SHORT_LINK.matcher(body);
    List<String> codes = new java.util.ArrayList<>();
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }
    return codes;
  }

  /**
   * The contact's events about its messages, oldest first: name, then properties as PostgreSQL
   * prints them.
   */
  static List<String> messageEvents(JdbcClient jdbc, ContactId contact) {
    return jdbc.sql(
            """
            select name || ' ' || properties::text from contact_event
            where contact_id = :id and name in ('SMS Sent', 'SMS Delivered', 'SMS Failed', 'Email Sent', 'Email Failed')
            order by id
            """)
        .param("id", contact.value())
        .query(String.class)
        .list();
  }

  private List<String> clicks(ContactId contact) {
    return jdbc.sql(
            "select properties::text from contact_event where contact_id = :id and name = 'SMS Clicked' order by id")
        .param("id", contact.value())
        .query(String.class)
        .list();
  }

  private SmsStep step(@Nullable String messagingService, @Nullable String from) {
    SmsProperties settings =
        new SmsProperties(
            ACCOUNT, TOKEN, messagingService, from, "http://127.0.0.1:" + twilio.port());
    return new SmsStep(
        contacts,
        templates,
        ledger,
        consents,
        policy,
        links(true),
        new TwilioGateway(settings),
        STATUS_URL);
  }

  private SmsLinks links(boolean shorten) {
    return new SmsLinks(TRACKING, new SmsLinkProperties(shorten), jdbc, events, clock);
  }

  private void accepts(String sid) {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
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

  private void refuses(int status, int code, String message) {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\":%d,\"message\":\"%s\",\"more_info\":\"https://www.twilio.com/docs/errors/%d\",\"status\":%d}"
                            .formatted(code, message, code, status))));
  }

  private ContactId contact(String firstName, @Nullable String phone, @Nullable ConsentStatus sms) {
    return SmsStepTest.contact(jdbc, consents, firstName, phone, sms);
  }

  /** A contact of its own for each test, so tests sharing the database never meet. */
  static ContactId contact(
      JdbcClient jdbc,
      Consents consents,
      String firstName,
      @Nullable String phone,
      @Nullable ConsentStatus sms) {
    ContactId contact = new ContactId(UUID.randomUUID());
    jdbc.sql(
            """
            insert into contact (id, external_id, phone, first_name, created_at, updated_at)
            values (:id, :user, :phone, :name, :now, :now)
            """)
        .param("id", contact.value())
        .param("user", "u-" + contact.value())
        .param("phone", phone)
        .param("name", firstName)
        .param("now", Timestamp.from(ChannelSlice.NOW))
        .update();
    if (sms != null) {
      consents.record(contact, ConsentChannel.SMS, sms, "test");
    }
    return contact;
  }

  /**
   * A Norwegian mobile number (+47 4xxxxxxx) no other test uses (the database lives for one run).
   */
  static String phone() {
    return "+474" + PHONES.incrementAndGet();
  }

  private static Step step(long job, ContactId contact) {
    return step(job, contact, "Hi {{ contact.first_name }}, use SAVE10 ✓\n", Map.of());
  }

  private static Step step(
      long job, ContactId contact, String text, Map<String, Object> variables) {
    return new Step(
        job, contact, "sms-test", 1, job, "send-sms", Map.of("text", text), variables, 3);
  }

  private MessageView message(long job) {
    return ledger.forJob(job).orElseThrow();
  }
}
