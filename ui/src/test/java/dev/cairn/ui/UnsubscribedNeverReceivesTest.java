package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cairn.channels.tracking.TrackingProperties;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.track.JourneyPosition;
import dev.cairn.engine.journey.track.JourneyTracking;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An unsubscribed contact never receives, as a property over random journeys: journeys drawn at
 * random (emails, texts, waits, branches, splits), run on the embedded engine by contacts whose
 * consent is drawn at random too, some of whom opt out while they wait, by the means a person has
 * (the email's one-click unsubscribe, a STOP reply, the API). Whatever the journey, nothing goes
 * out on a channel the contact had left, and nothing reaches the SMTP server or Twilio that the
 * ledger does not show. Set {@code -Dcairn.property.seed=N} to replay a run.
 */
class UnsubscribedNeverReceivesTest extends CairnIntegrationTest {

  private static final int JOURNEYS = 6;
  private static final int CONTACTS_PER_JOURNEY = 7;
  private static final String TWILIO_TOKEN = "twilio-shared-test-token";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final AtomicInteger PHONES =
      new AtomicInteger(new Random().nextInt(1_000_000, 8_000_000));

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;
  @Autowired TrackingProperties trackingSettings;
  @Autowired JdbcClient jdbc;

  /** How a contact's consent starts, and whether they opt out on the way (and how). */
  enum OptOut {
    NONE,
    EMAIL_BY_LINK,
    EMAIL_BY_API,
    SMS_BY_STOP,
    SMS_BY_API;

    /**
     * Where the contact opts out: email at any wait; texts at a wait after "Agreed to texts?", so
     * the text that follows is refused by the send itself, the branch having let them through.
     */
    String waitsAt() {
      return this == SMS_BY_STOP || this == SMS_BY_API
          ? RandomJourney.WAIT_BEFORE_TEXT
          : RandomJourney.WAIT;
    }
  }

  /**
   * A contact of the run: what they agreed to at entry and when they opted out on the way, if they
   * did.
   */
  static final class Person {
    final String user;
    final String phone;
    final String firstName;
    final @Nullable String emailConsent;
    final @Nullable String smsConsent;
    final OptOut optOut;
    @Nullable ContactId contact;
    @Nullable Instant optedOutAt;

    Person(
        String user,
        String phone,
        String firstName,
        @Nullable String emailConsent,
        @Nullable String smsConsent,
        OptOut optOut) {
      this.user = user;
      this.phone = phone;
      this.firstName = firstName;
      this.emailConsent = emailConsent;
      this.smsConsent = smsConsent;
      this.optOut = optOut;
    }

    boolean emailAllowedAtEntry() {
      return emailConsent == null || emailConsent.equals("subscribed");
    }

    boolean smsAllowedAtEntry() {
      return "subscribed".equals(smsConsent);
    }

    @Override
    public String toString() {
      return "%s (email %s, sms %s, opts out %s at %s)"
          .formatted(user, emailConsent, smsConsent, optOut, optedOutAt);
    }
  }

  @Test
  void an_unsubscribed_contact_never_receives_on_that_channel_whatever_the_journey() {
    long seed = Long.getLong("cairn.property.seed", System.nanoTime());
    Random random = new Random(seed);
    String run = "seed " + seed;
    System.out.println(
        "UnsubscribedNeverReceivesTest: "
            + run
            + " (replay with -Dcairn.property.seed="
            + seed
            + ")");

    List<Person> people = new ArrayList<>();
    for (int j = 0; j < JOURNEYS; j++) {
      String id = "random-" + UUID.randomUUID().toString().substring(0, 8);
      String bpmn = RandomJourney.draw(id, random);
      journeys.addIfAbsent(id, "Random " + id, null, bpmn);
      assertThat(journeys.publish(id))
          .as("%s publishes:%n%s", run, bpmn)
          .isInstanceOf(PublishResult.Published.class);
      for (int c = 0; c < CONTACTS_PER_JOURNEY; c++) {
        Person person = drawPerson(random);
        people.add(person);
        enter(person, id);
      }
    }

    optOutWhileWaiting(people);

    for (Person person : people) {
      assertNothingAfterOptingOut(person, run);
    }
    long optedOut = people.stream().filter(person -> person.optedOutAt != null).count();
    System.out.printf(
        "UnsubscribedNeverReceivesTest: %d journeys, %d contacts, %d opted out on the way; %d messages sent, %d skipped for consent%n",
        JOURNEYS, people.size(), optedOut, deliveredCount(), skippedForConsent());
    assertThat(deliveredCount()).as("%s: messages went out at all", run).isPositive();
    assertThat(people.stream().filter(person -> person.optedOutAt != null))
        .as("%s: someone opted out on the way", run)
        .isNotEmpty();
  }

  private Person drawPerson(Random random) {
    String[] emailConsents = {null, null, "subscribed", "unsubscribed", "pending"};
    String[] smsConsents = {null, "subscribed", "subscribed", "unsubscribed"};
    OptOut[] optOuts = {
      OptOut.NONE,
      OptOut.NONE,
      OptOut.EMAIL_BY_LINK,
      OptOut.EMAIL_BY_API,
      OptOut.SMS_BY_STOP,
      OptOut.SMS_BY_API
    };
    return new Person(
        "u-" + UUID.randomUUID(),
        // Norwegian mobile numbers: any +47 9xxxxxxx is one.
        "+479" + PHONES.incrementAndGet(),
        // The journeys' attribute branches ask whether the first name is "Pro".
        random.nextBoolean() ? "Pro" : "Ada",
        emailConsents[random.nextInt(emailConsents.length)],
        smsConsents[random.nextInt(smsConsents.length)],
        optOuts[random.nextInt(optOuts.length)]);
  }

  private void enter(Person person, String journey) {
    StringBuilder traits =
        new StringBuilder(
            "\"email\":\"%s@example.com\",\"phone\":\"%s\",\"firstName\":\"%s\""
                .formatted(person.user, person.phone, person.firstName));
    if (person.emailConsent != null) {
      traits.append(",\"email_consent\":\"").append(person.emailConsent).append('"');
    }
    if (person.smsConsent != null) {
      traits.append(",\"sms_consent\":\"").append(person.smsConsent).append('"');
    }
    assertThat(
            post(
                    "/v1/identify",
                    "{\"userId\":\"%s\",\"traits\":{%s}}".formatted(person.user, traits))
                .statusCode())
        .isEqualTo(200);
    person.contact = contacts.findByUserId(person.user).orElseThrow().id();
    assertThat(
            post(
                    "/v1/track",
                    "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(person.user, journey))
                .statusCode())
        .isEqualTo(200);
  }

  /**
   * Until every contact has finished: a contact who is to opt out does so when seen freshly at a
   * wait, so no step of theirs is under way while their consent changes.
   */
  private void optOutWhileWaiting(List<Person> people) {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              boolean allDone = true;
              for (Person person : people) {
                if (person.optOut != OptOut.NONE
                    && person.optedOutAt == null
                    && freshlyWaiting(person, person.optOut.waitsAt())) {
                  person.optedOutAt = Instant.now();
                  optOut(person);
                }
                List<JourneyPosition> positions = tracking.positions(person.contact);
                allDone &=
                    !positions.isEmpty()
                        && positions.stream().allMatch(position -> position.endedAt() != null);
              }
              return allDone;
            });
  }

  /**
   * At such a wait, entered less than 1.5 s ago: the wait lasts 4 s, so they are still there when
   * the opt-out lands.
   */
  private boolean freshlyWaiting(Person person, String waitPrefix) {
    Instant recently = Instant.now().minusMillis(1500);
    return tracking.path(person.contact).stream()
        .anyMatch(
            visit ->
                visit.elementId().startsWith(waitPrefix)
                    && visit.leftAt() == null
                    && visit.enteredAt().isAfter(recently));
  }

  private void optOut(Person person) throws Exception {
    switch (person.optOut) {
      case NONE -> {}
      case EMAIL_BY_LINK -> {
        List<MimeMessage> received = emailsTo(person.user);
        if (received.isEmpty()) {
          identify(person, "email_consent");
        } else {
          oneClickUnsubscribe(received.getLast());
        }
      }
      case EMAIL_BY_API -> identify(person, "email_consent");
      case SMS_BY_STOP -> replyStop(person.phone);
      case SMS_BY_API -> identify(person, "sms_consent");
    }
  }

  private void identify(Person person, String consent) {
    assertThat(
            post(
                    "/v1/identify",
                    "{\"userId\":\"%s\",\"traits\":{\"%s\":\"unsubscribed\"}}"
                        .formatted(person.user, consent))
                .statusCode())
        .isEqualTo(200);
  }

  private void oneClickUnsubscribe(MimeMessage email) throws Exception {
    String link =
        URI.create(email.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "")).getPath();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + link))
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
            .build();
    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  /** A STOP reply as Twilio posts it, signed with the account's token for the URL Twilio calls. */
  private void replyStop(String phone) throws Exception {
    Map<String, String> params =
        new TreeMap<>(
            Map.of(
                "AccountSid",
                TWILIO_ACCOUNT,
                "MessageSid",
                "SM" + "e".repeat(32),
                "From",
                phone,
                "To",
                "+15005550006",
                "Body",
                "STOP"));
    StringBuilder signed = new StringBuilder(trackingSettings.publicUrl() + "/sms/inbound");
    params.forEach((key, value) -> signed.append(key).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature =
        Base64.getEncoder()
            .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    String form =
        params.entrySet().stream()
            .map(
                entry ->
                    entry.getKey()
                        + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sms/inbound"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isBetween(200, 299);
  }

  private void assertNothingAfterOptingOut(Person person, String run) {
    List<Sent> sent = delivered(person.contact);
    List<Sent> emails = sent.stream().filter(message -> message.channel().equals("EMAIL")).toList();
    List<Sent> texts = sent.stream().filter(message -> message.channel().equals("SMS")).toList();
    String who = run + ", " + person;

    if (!person.emailAllowedAtEntry()) {
      assertThat(emails).as("%s: email to a contact who had not agreed", who).isEmpty();
    }
    if (!person.smsAllowedAtEntry()) {
      assertThat(texts).as("%s: a text to a contact who had not agreed", who).isEmpty();
    }
    if (person.optedOutAt != null) {
      List<Sent> afterwards =
          switch (person.optOut) {
            case EMAIL_BY_LINK, EMAIL_BY_API -> emails;
            case SMS_BY_STOP, SMS_BY_API -> texts;
            case NONE -> List.of();
          };
      assertThat(afterwards)
          .as("%s: sent after opting out", who)
          .allMatch(message -> message.createdAt().isBefore(person.optedOutAt));
    }
    // Nothing reached a transport that the ledger does not show as sent.
    assertThat(emailsTo(person.user))
        .as("%s: emails at the SMTP server", who)
        .hasSize(emails.size());
    assertThat(textsTo(person.phone)).as("%s: texts at Twilio", who).hasSize(texts.size());
  }

  private record Sent(String channel, String elementId, Instant createdAt) {}

  /** The contact's messages that went out (to the transport or the outbox), by the ledger. */
  private List<Sent> delivered(ContactId contact) {
    return jdbc.sql(
            """
            select channel, element_id, created_at from message
            where contact_id = :id and status in ('SENT', 'OUTBOX', 'DELIVERED', 'BOUNCED', 'COMPLAINED')
            """)
        .param("id", contact.value())
        .query(
            (rs, row) ->
                new Sent(
                    rs.getString("channel"),
                    rs.getString("element_id"),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  private long deliveredCount() {
    return jdbc.sql(
            "select count(*) from message where journey_id like 'random-%' and status in ('SENT', 'OUTBOX', 'DELIVERED')")
        .query(Long.class)
        .single();
  }

  private long skippedForConsent() {
    return jdbc.sql(
            "select count(*) from message where journey_id like 'random-%' and status = 'SKIPPED' and (error like '%agreed%' or error like '%subscribed%' or error like '%opted out%')")
        .query(Long.class)
        .single();
  }

  private static List<LoggedRequest> textsTo(String phone) {
    return TWILIO
        .findAll(
            WireMock.postRequestedFor(
                WireMock.urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json")))
        .stream()
        .filter(
            request ->
                phone.equals(
                    URLDecoder.decode(
                        formValue(request.getBodyAsString(), "To"), StandardCharsets.UTF_8)))
        .toList();
  }

  private static String formValue(String form, String name) {
    for (String pair : form.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return "";
  }
}
