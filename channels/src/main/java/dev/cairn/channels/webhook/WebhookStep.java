package dev.cairn.channels.webhook;

import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "call webhook" step: POSTs a signed JSON document about the contact and the step to the
 * step's {@code url}. A 2xx answer completes the step; a receiver that is down, busy (408, 429,
 * 5xx) or slower than the {@code timeout} is called again after a backoff, as long as the step has
 * retries, then it stops as an incident; any other answer is a refusal that retrying would not
 * change, so the step stops as an incident at once. Every attempt is a {@value #CALLED} event on
 * the contact's timeline. The engine may hand a step out again, so receivers drop repeats by the
 * {@code X-Cairn-Delivery} header, the same for every attempt of a step. A test run does not call
 * the receiver. An address inside Cairn's own network is not called unless an operator allowed it
 * ({@link AddressPolicy}): the step stops as an incident saying which setting would allow it.
 */
@Component
class WebhookStep implements StepHandler {

  static final String TYPE = dev.cairn.engine.journey.language.Step.WEBHOOK;
  static final String CALLED = "Webhook Called";
  private static final Logger log = LoggerFactory.getLogger(WebhookStep.class);

  private final Contacts contacts;
  private final EventIngestion events;
  private final WebhookClient client;
  private final WebhookSigning signing;
  private final WebhookProperties properties;
  private final JsonMapper json;
  private final Clock clock;

  WebhookStep(
      Contacts contacts,
      EventIngestion events,
      WebhookClient client,
      WebhookSigning signing,
      WebhookProperties properties,
      JsonMapper json,
      Clock clock) {
    this.contacts = contacts;
    this.events = events;
    this.client = client;
    this.signing = signing;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String displayName() {
    return "Call webhook";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("url");
  }

  @Override
  public String describe(String header) {
    return header.equals("url") ? "the web address to call (url)" : "a " + header;
  }

  @Override
  public List<String> problems(Map<String, String> headers) {
    List<String> problems = WebhookTarget.problems(headers);
    if (!problems.isEmpty()) {
      return problems;
    }
    return client.addressProblem(WebhookTarget.of(headers).url()).stream().toList();
  }

  @Override
  public Duration longestAttempt() {
    return WebhookTarget.LONGEST_TIMEOUT;
  }

  @Override
  public StepResult perform(Step step) {
    List<String> problems = WebhookTarget.problems(step.headers());
    if (!problems.isEmpty()) {
      // Checked before publishing; a diagram deployed around the check stops here, visibly.
      return new StepResult.Rejected(String.join("; ", problems));
    }
    if (step.testRun()) {
      // A marketer's test run sends nothing: the receiver would act on it as on a real contact.
      log.info(
          "Webhook step {} of a test run not called ({})",
          step.jobKey(),
          WebhookTarget.of(step.headers()).shownUrl());
      return StepResult.Completed.empty();
    }
    Optional<ContactProfile> contact = contacts.find(step.contactId());
    if (contact.isEmpty()) {
      log.info(
          "Webhook step {} not called: contact {} no longer exists",
          step.jobKey(),
          step.contactId());
      return StepResult.Completed.empty();
    }
    WebhookTarget target = WebhookTarget.of(step.headers());
    Instant now = clock.instant();
    String body = json.writeValueAsString(payload(step, contact.get(), now));
    WebhookClient.Answer answer =
        client.post(
            target,
            body,
            Map.of(
                "Content-Type", "application/json",
                "X-Cairn-Delivery", Long.toString(step.jobKey()),
                "X-Cairn-Signature", signing.signature(now.getEpochSecond(), body)));
    StepResult result = judge(answer);
    record(step, target, now, answer, result);
    return result;
  }

  private StepResult judge(WebhookClient.Answer answer) {
    return switch (answer) {
      case WebhookClient.Answer.Status status when status.code() >= 200 && status.code() < 300 ->
          new StepResult.Completed(Map.of("webhookStatus", status.code()));
      case WebhookClient.Answer.Status status
          when status.code() == 408 || status.code() == 429 || status.code() >= 500 ->
          new StepResult.Failed(
              "the receiver answered " + status.code() + reason(status), properties.retryBackoff());
      case WebhookClient.Answer.Status status ->
          new StepResult.Rejected(
              "the receiver refused the call with "
                  + status.code()
                  + reason(status)
                  + "; fix the receiver or the step's address, then retry");
      case WebhookClient.Answer.NoAnswer none ->
          new StepResult.Failed(none.error(), properties.retryBackoff());
      case WebhookClient.Answer.Refused refused -> new StepResult.Rejected(refused.reason());
    };
  }

  private static String reason(WebhookClient.Answer.Status status) {
    return status.body().isEmpty() ? "" : ": " + status.body();
  }

  /**
   * What a receiver gets: who the contact is, where in which journey, and what brought them there.
   */
  private static Map<String, Object> payload(Step step, ContactProfile contact, Instant now) {
    Map<String, Object> person = new LinkedHashMap<>();
    person.put("id", contact.id().toString());
    person.put("userId", contact.externalId());
    person.put("email", contact.email());
    person.put("firstName", contact.firstName());
    person.put("lastName", contact.lastName());
    person.put("traits", contact.traits());
    Map<String, Object> journey = new LinkedHashMap<>();
    journey.put("id", step.journeyId());
    journey.put("version", step.journeyVersion());
    journey.put("step", step.elementId());
    Map<String, Object> payload = new LinkedHashMap<>();
    // A string: job keys outgrow the integers JavaScript reads exactly.
    payload.put("deliveryId", Long.toString(step.jobKey()));
    payload.put("sentAt", now.toString());
    payload.put("contact", person);
    payload.put("journey", journey);
    payload.put("trigger", step.variables().get("trigger"));
    payload.put("lastEvent", step.variables().get("lastEvent"));
    return payload;
  }

  /**
   * The attempt on the contact's timeline: when, to where, what came back, how long it took, what
   * happens next.
   */
  private void record(
      Step step, WebhookTarget target, Instant at, WebhookClient.Answer answer, StepResult result) {
    Map<String, Object> attempt = new LinkedHashMap<>();
    attempt.put("url", target.shownUrl());
    switch (answer) {
      case WebhookClient.Answer.Status status -> attempt.put("status", status.code());
      case WebhookClient.Answer.NoAnswer none -> attempt.put("error", none.error());
      case WebhookClient.Answer.Refused refused -> attempt.put("error", refused.reason());
    }
    attempt.put("duration_ms", answer.took().toMillis());
    attempt.put("outcome", outcome(result, step.retriesLeft()));
    attempt.put("delivery_id", Long.toString(step.jobKey()));
    attempt.put("journey_id", step.journeyId());
    attempt.put("step", step.elementId());
    attempt.put("attempted_at", at.toString());
    // Each attempt is an event of its own, a handed-out-again one included: it did call the
    // receiver.
    events.record(
        step.contactId(), CALLED, attempt, "webhook:" + step.jobKey() + ":" + UUID.randomUUID());
  }

  private static String outcome(StepResult result, int retriesLeft) {
    return switch (result) {
      case StepResult.Completed completed -> "delivered";
      case StepResult.Failed failed when retriesLeft > 1 -> "will be retried";
      case StepResult.Failed failed -> "stopped: no retries left";
      case StepResult.Rejected rejected -> "stopped: refused";
      case StepResult.Deferred deferred -> "deferred";
    };
  }
}
