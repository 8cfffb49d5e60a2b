package dev.cairn.channels.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cairn.channels.ChannelSlice;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IncomingEvent;
import dev.cairn.engine.event.IngestResult;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepResult;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The call-webhook step against real PostgreSQL, with WireMock as the receiver. */
@SpringBootTest(classes = ChannelSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WebhookStepTest {

  private static final String SECRET = "whsec_test_secret";
  private static final String HOOK = "/hooks/cairn";

  /** The receivers of these tests listen on 127.0.0.1, which an operator has to allow. */
  private static final WebhookProperties LOOPBACK_ALLOWED =
      new WebhookProperties(null, null, List.of("127.0.0.1"), false);

  /** What a Cairn calls without an operator's say-so: no address inside its network. */
  private static final WebhookProperties DEFAULTS = new WebhookProperties(null, null);

  private static final AtomicLong JOBS = new AtomicLong(System.nanoTime() + 2_000_000_000L);

  @Autowired Contacts contacts;
  @Autowired EventIngestion events;
  @Autowired EventFeed feed;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

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
  void a_receiver_holding_the_signing_secret_can_verify_the_request_and_reads_who_and_where() {
    ContactId contact = contact("Mia");
    answers(200);
    long job = JOBS.incrementAndGet();

    StepResult result = step(SECRET).perform(step(job, contact, url(), null));

    assertThat(result).isEqualTo(new StepResult.Completed(Map.of("webhookStatus", 200)));
    LoggedRequest request = onlyRequest();
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeader("X-Cairn-Delivery")).isEqualTo(Long.toString(job));
    assertThat(verifies(request, SECRET)).isTrue();
    assertThat(verifies(request, "another secret")).isFalse();
    JsonNode body = json.readTree(request.getBodyAsString());
    assertThat(body.path("deliveryId").asString()).isEqualTo(Long.toString(job));
    assertThat(body.path("contact").path("id").asString()).isEqualTo(contact.toString());
    assertThat(body.path("contact").path("email").asString()).isEqualTo("mia@example.com");
    assertThat(body.path("contact").path("traits").path("plan").asString()).isEqualTo("Pro");
    assertThat(body.path("journey").path("id").asString()).isEqualTo("webhook-test");
    assertThat(body.path("journey").path("version").asInt()).isEqualTo(2);
    assertThat(body.path("journey").path("step").asString()).isEqualTo("tell-crm");
    assertThat(body.path("trigger").path("event").asString()).isEqualTo("Signed Up");
    assertThat(body.path("trigger").path("properties").path("source").asString()).isEqualTo("ads");
  }

  @Test
  void a_receiver_that_is_down_fails_the_step_with_backoff_and_the_retry_completes_it() {
    ContactId contact = contact("Ola");
    receiver.stubFor(
        post(urlEqualTo(HOOK))
            .inScenario("outage")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withBody("down for maintenance"))
            .willSetStateTo("back"));
    receiver.stubFor(
        post(urlEqualTo(HOOK))
            .inScenario("outage")
            .whenScenarioStateIs("back")
            .willReturn(aResponse().withStatus(200)));
    long job = JOBS.incrementAndGet();
    WebhookStep webhook = step(SECRET);

    StepResult outage = webhook.perform(step(job, contact, url(), null));
    StepResult retry = webhook.perform(step(job, contact, url(), null));

    assertThat(outage).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) outage).reason())
        .isEqualTo("the receiver answered 503: down for maintenance");
    assertThat(((StepResult.Failed) outage).retryBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(retry).isEqualTo(new StepResult.Completed(Map.of("webhookStatus", 200)));
    // Both attempts carry the same delivery id: a receiver that got the first one drops the second.
    receiver.verify(
        2,
        postRequestedFor(urlEqualTo(HOOK))
            .withHeader("X-Cairn-Delivery", equalTo(Long.toString(job))));
    assertThat(attempts(contact))
        .extracting(attempt -> attempt.get("status"), attempt -> attempt.get("outcome"))
        .containsExactly(tuple(503, "will be retried"), tuple(200, "delivered"));
  }

  @Test
  void a_refusal_by_the_receiver_stops_the_step_without_retrying() {
    ContactId contact = contact("Noa");
    receiver.stubFor(
        post(urlEqualTo(HOOK))
            .willReturn(
                aResponse().withStatus(400).withBody("{\"error\":\"unknown field plan\"}")));

    StepResult result = step(SECRET).perform(step(JOBS.incrementAndGet(), contact, url(), null));

    assertThat(result).isInstanceOf(StepResult.Rejected.class);
    assertThat(((StepResult.Rejected) result).reason())
        .startsWith("the receiver refused the call with 400: {\"error\":\"unknown field plan\"}");
    receiver.verify(1, postRequestedFor(urlEqualTo(HOOK)));
    assertThat(attempts(contact))
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt)
                  .containsEntry("status", 400)
                  .containsEntry("outcome", "stopped: refused");
            });
  }

  @Test
  void a_long_error_page_is_cut_short_in_the_reason() {
    ContactId contact = contact("Ana");
    receiver.stubFor(
        post(urlEqualTo(HOOK))
            .willReturn(
                aResponse()
                    .withStatus(410)
                    .withBody("<html>" + "gone ".repeat(200_000) + "</html>")));

    StepResult result = step(SECRET).perform(step(JOBS.incrementAndGet(), contact, url(), null));

    assertThat(result).isInstanceOf(StepResult.Rejected.class);
    assertThat(((StepResult.Rejected) result).reason())
        .startsWith("the receiver refused the call with 410: <html>gone gone")
        .hasSizeLessThan(300);
  }

  @Test
  void a_receiver_slower_than_the_timeout_is_given_up_on_and_called_again_later() {
    ContactId contact = contact("Eli");
    receiver.stubFor(
        post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    long started = System.nanoTime();
    StepResult result = step(SECRET).perform(step(JOBS.incrementAndGet(), contact, url(), "PT1S"));
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) result).reason()).contains("no answer");
    assertThat(waited).isLessThan(Duration.ofMillis(2_500));
    assertThat(attempts(contact))
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt)
                  .doesNotContainKey("status")
                  .containsEntry("outcome", "will be retried");
              assertThat((String) attempt.get("error")).contains("no answer");
              assertThat(((Number) attempt.get("duration_ms")).longValue()).isBetween(900L, 2_500L);
            });
  }

  @Test
  void throttling_by_the_receiver_asks_for_a_retry() {
    ContactId contact = contact("Ada");
    answers(429);

    StepResult result = step(SECRET).perform(step(JOBS.incrementAndGet(), contact, url(), null));

    assertThat(result).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) result).reason()).isEqualTo("the receiver answered 429");
  }

  @Test
  void a_receiver_that_cannot_be_reached_is_called_again_later_and_the_last_try_says_so() {
    ContactId contact = contact("Kai");
    String nobodyListens = "http://127.0.0.1:" + freePort() + HOOK;

    StepResult result =
        step(SECRET)
            .perform(
                new Step(
                    JOBS.incrementAndGet(),
                    contact,
                    "webhook-test",
                    2,
                    1,
                    "tell-crm",
                    Map.of("url", nobodyListens),
                    Map.of(),
                    1));

    assertThat(result).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) result).reason()).startsWith("could not connect");
    assertThat(attempts(contact))
        .singleElement()
        .satisfies(
            attempt -> assertThat(attempt).containsEntry("outcome", "stopped: no retries left"));
  }

  @Test
  void a_test_run_does_not_call_the_receiver() {
    ContactId contact = contact("Ivo");
    answers(200);
    long job = JOBS.incrementAndGet();
    Step real = step(job, contact, url(), null);
    Map<String, Object> testRun = new java.util.HashMap<>(real.variables());
    testRun.put(Step.TEST_RUN, true);

    StepResult result =
        step(SECRET)
            .perform(
                new Step(
                    job, contact, "webhook-test", 2, job, "tell-crm", real.headers(), testRun, 3));

    assertThat(result).isEqualTo(StepResult.Completed.empty());
    receiver.verify(0, postRequestedFor(urlEqualTo(HOOK)));
    assertThat(attempts(contact)).isEmpty();
  }

  @Test
  void the_timeline_shows_where_the_call_went_without_the_tokens_in_its_address() {
    ContactId contact = contact("Liv");
    answers(204);

    step(SECRET)
        .perform(
            step(
                JOBS.incrementAndGet(),
                contact,
                "http://user:pw@127.0.0.1:" + receiver.port() + HOOK + "?token=s3cret",
                null));

    assertThat(attempts(contact))
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt)
                  .containsEntry("url", "http://127.0.0.1:" + receiver.port() + HOOK)
                  .containsEntry("status", 204);
              assertThat(attempt).containsKeys("duration_ms", "attempted_at", "delivery_id");
            });
  }

  @Test
  void without_a_configured_secret_requests_are_signed_with_one_cairn_generated_and_kept() {
    ContactId contact = contact("Una");
    answers(200);
    WebhookSigning generated = new WebhookSigning(new WebhookProperties(null, null), jdbc);
    generated.createSecretOnFirstStart();

    stepSignedBy(generated).perform(step(JOBS.incrementAndGet(), contact, url(), null));

    String kept =
        jdbc.sql("select value from app_secret where name = 'webhook-signing'")
            .query(String.class)
            .single();
    assertThat(kept).startsWith("whsec_");
    assertThat(verifies(onlyRequest(), kept)).isTrue();
    // After a restart (a new instance), the same secret signs.
    WebhookSigning restarted = new WebhookSigning(new WebhookProperties(null, null), jdbc);
    restarted.createSecretOnFirstStart();
    assertThat(restarted.signature(1_000, "{}")).isEqualTo(generated.signature(1_000, "{}"));
  }

  @Test
  void without_an_operators_say_so_the_loopback_address_is_not_called_and_the_incident_says_why() {
    ContactId contact = contact("Tor");
    answers(200);

    StepResult result = guarded().perform(step(JOBS.incrementAndGet(), contact, url(), null));

    assertThat(result).isInstanceOf(StepResult.Rejected.class);
    assertThat(((StepResult.Rejected) result).reason())
        .isEqualTo(
            "Cairn does not call 127.0.0.1: it is a loopback address inside the network Cairn runs"
                + " in; an operator can allow it with"
                + " cairn.webhooks.allowed-private-networks=127.0.0.1, or every internal address"
                + " with cairn.webhooks.allow-private-addresses=true");
    receiver.verify(0, postRequestedFor(urlEqualTo(HOOK)));
    assertThat(attempts(contact))
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt).containsEntry("outcome", "stopped: refused");
              assertThat((String) attempt.get("error"))
                  .contains("loopback")
                  .contains("cairn.webhooks.allowed-private-networks");
            });
  }

  @Test
  void internal_addresses_written_as_ip_addresses_are_not_called() {
    for (String address :
        List.of(
            "http://[::1]:" + receiver.port() + HOOK,
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/hooks",
            "http://[::ffff:127.0.0.1]:" + receiver.port() + HOOK,
            "http://[::ffff:169.254.169.254]/latest/meta-data/",
            "http://[fd00::1]/hooks",
            "http://0.0.0.0:" + receiver.port() + HOOK,
            "http://192.168.1.1/",
            "http://172.16.0.1/")) {
      ContactId contact = contact("Vic");

      StepResult result = guarded().perform(step(JOBS.incrementAndGet(), contact, address, null));

      assertThat(result).as(address).isInstanceOf(StepResult.Rejected.class);
      assertThat(((StepResult.Rejected) result).reason())
          .as(address)
          .startsWith("Cairn does not call ")
          .contains("cairn.webhooks.allowed-private-networks=");
    }
    receiver.verify(0, postRequestedFor(urlEqualTo(HOOK)));
  }

  @Test
  void a_name_that_resolves_to_loopback_is_not_called() {
    ContactId contact = contact("Jon");
    answers(200);

    StepResult result =
        guarded()
            .perform(
                step(
                    JOBS.incrementAndGet(),
                    contact,
                    "http://localhost:" + receiver.port() + HOOK,
                    null));

    assertThat(result).isInstanceOf(StepResult.Rejected.class);
    assertThat(((StepResult.Rejected) result).reason())
        .startsWith("Cairn does not call localhost (")
        .contains("a loopback address")
        .contains("cairn.webhooks.allowed-private-networks=localhost");
    receiver.verify(0, postRequestedFor(urlEqualTo(HOOK)));
  }

  @Test
  void a_host_name_the_operator_allowed_is_called_though_it_resolves_to_loopback() {
    ContactId contact = contact("Pia");
    answers(200);

    StepResult result =
        stepCalling(
                new WebhookSigning(new WebhookProperties(SECRET, null), jdbc),
                new WebhookProperties(null, null, List.of("localhost"), false))
            .perform(
                step(
                    JOBS.incrementAndGet(),
                    contact,
                    "http://localhost:" + receiver.port() + HOOK,
                    null));

    assertThat(result).isEqualTo(new StepResult.Completed(Map.of("webhookStatus", 200)));
  }

  @Test
  void a_redirect_from_an_allowed_receiver_to_an_internal_address_is_not_followed() {
    WireMockServer internal = new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());
    internal.start();
    try {
      internal.stubFor(post(urlEqualTo("/admin")).willReturn(aResponse().withStatus(200)));
      receiver.stubFor(
          post(urlEqualTo(HOOK))
              .willReturn(
                  aResponse()
                      .withStatus(307)
                      .withHeader("Location", "http://127.0.0.2:" + internal.port() + "/admin")));
      ContactId contact = contact("Rut");

      StepResult result = step(SECRET).perform(step(JOBS.incrementAndGet(), contact, url(), null));

      assertThat(result).isInstanceOf(StepResult.Rejected.class);
      assertThat(((StepResult.Rejected) result).reason())
          .startsWith("the receiver refused the call with 307");
      receiver.verify(1, postRequestedFor(urlEqualTo(HOOK)));
      internal.verify(0, postRequestedFor(urlEqualTo("/admin")));
    } finally {
      internal.stop();
    }
  }

  @Test
  void allowing_every_internal_address_calls_loopback() {
    ContactId contact = contact("Sam");
    answers(200);

    StepResult result =
        stepCalling(
                new WebhookSigning(new WebhookProperties(SECRET, null), jdbc),
                new WebhookProperties(null, null, List.of(), true))
            .perform(step(JOBS.incrementAndGet(), contact, url(), null));

    assertThat(result).isEqualTo(new StepResult.Completed(Map.of("webhookStatus", 200)));
  }

  /** A step as Cairn runs it on its defaults: no internal address allowed. */
  private WebhookStep guarded() {
    return stepCalling(new WebhookSigning(new WebhookProperties(SECRET, null), jdbc), DEFAULTS);
  }

  private WebhookStep step(String secret) {
    return stepSignedBy(new WebhookSigning(new WebhookProperties(secret, null), jdbc));
  }

  private WebhookStep stepSignedBy(WebhookSigning signing) {
    return stepCalling(signing, LOOPBACK_ALLOWED);
  }

  private WebhookStep stepCalling(WebhookSigning signing, WebhookProperties addresses) {
    return new WebhookStep(
        contacts,
        events,
        new WebhookClient(new AddressPolicy(addresses)),
        signing,
        new WebhookProperties(null, null),
        json,
        clock);
  }

  private static Step step(long job, ContactId contact, String url, @Nullable String timeout) {
    Map<String, String> headers =
        timeout == null ? Map.of("url", url) : Map.of("url", url, "timeout", timeout);
    Map<String, Object> trigger =
        Map.of(
            "event",
            "Signed Up",
            "properties",
            Map.of("source", "ads"),
            "occurredAt",
            "2026-11-25T11:59:00Z");
    return new Step(
        job,
        contact,
        "webhook-test",
        2,
        job,
        "tell-crm",
        headers,
        Map.of("contactId", contact.toString(), "trigger", trigger),
        3);
  }

  /** What a receiver does: recompute the signature over "<t>.<body>" with the shared secret. */
  private static boolean verifies(LoggedRequest request, String secret) {
    String header = request.getHeader("X-Cairn-Signature");
    String t = header.replaceFirst("^t=(\\d+),v1=.*$", "$1");
    String v1 = header.replaceFirst("^t=\\d+,v1=([0-9a-f]{64})$", "$1");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          HexFormat.of()
              .formatHex(
                  mac.doFinal(
                      (t + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8)));
      return expected.equals(v1) && Long.parseLong(t) == ChannelSlice.NOW.getEpochSecond();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void answers(int status) {
    receiver.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(status)));
  }

  private LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo(HOOK)));
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.port() + HOOK;
  }

  /** The contact's "Webhook Called" events, oldest first, as the timeline lists them. */
  private List<Map<String, Object>> attempts(ContactId contact) {
    return feed.history(contact, 50).stream()
        .filter(event -> WebhookStep.CALLED.equals(event.name()))
        .map(StoredEvent::properties)
        .toList()
        .reversed();
  }

  /** A contact of its own for each test, so tests sharing the database never meet. */
  private ContactId contact(String firstName) {
    String user = "u-" + UUID.randomUUID();
    IncomingEvent identify =
        new IncomingEvent(
            UUID.randomUUID().toString(),
            EventType.IDENTIFY,
            new Identity(user, null),
            null,
            Map.of(),
            Traits.fromSegment(
                Map.of(
                    "email",
                    firstName.toLowerCase() + "@example.com",
                    "firstName",
                    firstName,
                    "plan",
                    "Pro")),
            ChannelSlice.NOW);
    return ((IngestResult.Accepted) events.ingest(identify)).contactId();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
