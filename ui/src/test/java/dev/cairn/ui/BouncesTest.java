package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.delivery.MessageStepStats;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bounce and complaint reports from an email provider's webhook: a hard bounce suppresses the
 * address and is counted on the step that sent the message; a soft bounce is only recorded.
 */
class BouncesTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired Contacts contacts;
  @Autowired Consents consents;
  @Autowired Deliveries deliveries;
  @Autowired JdbcClient jdbc;

  @Test
  void a_hard_bounce_report_suppresses_the_address_marks_the_message_and_counts_on_its_step()
      throws Exception {
    String user = signUp("Bea");
    MimeMessage welcome = awaitEmail(user, "Welcome aboard, Bea!");
    long messageId = Long.parseLong(welcome.getHeader("X-Cairn-Message-Id")[0]);
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    long bouncedBefore = bouncedAtWelcome();

    HttpResponse<String> answer =
        post(
            "/v1/email/bounces",
            "{\"email\":\"%s@EXAMPLE.com\",\"type\":\"hard\",\"reason\":\"550 5.1.1 user unknown\",\"messageId\":%d}"
                .formatted(user, messageId));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body())
        .contains("\"contacts\":1")
        .contains("\"messageId\":" + messageId)
        .contains("\"suppressed\":true");
    assertThat(consents.of(contact).get(ConsentChannel.EMAIL))
        .satisfies(
            email -> {
              assertThat(email.status()).isEqualTo(ConsentStatus.UNSUBSCRIBED);
              assertThat(email.source())
                  .isEqualTo("hard bounce (provider webhook): 550 5.1.1 user unknown");
            });
    assertThat(deliveries.find(messageId).orElseThrow().status()).isEqualTo(MessageStatus.BOUNCED);
    assertThat(events(contact, "Email Bounced")).isEqualTo(1);
    assertThat(bouncedAtWelcome()).isEqualTo(bouncedBefore + 1);
  }

  @Test
  void a_soft_bounce_is_recorded_on_the_latest_message_but_suppresses_nothing() {
    String user = signUp("Sol");
    awaitEmail(user, "Welcome aboard, Sol!");
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();

    HttpResponse<String> answer =
        post(
            "/v1/email/bounces",
            "{\"email\":\"%s@example.com\",\"type\":\"soft\",\"reason\":\"mailbox full\"}"
                .formatted(user));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"suppressed\":false").doesNotContain("\"messageId\":null");
    assertThat(consents.allows(contact, ConsentChannel.EMAIL)).isTrue();
    assertThat(events(contact, "Email Bounced")).isEqualTo(1);
  }

  @Test
  void a_bounce_report_that_is_not_usable_is_answered_with_a_problem_and_suppresses_no_one() {
    String user = signUp("Pat");
    awaitEmail(user, "Welcome aboard, Pat!");
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    List<String> bodies =
        List.of(
            "{\"type\":\"hard\"}",
            "{\"email\":\"not-an-address\",\"type\":\"hard\"}",
            "{\"email\":\"%s@example.com\",\"type\":\"bounced\"}".formatted(user),
            "{\"email\":\"%s@example.com\",\"type\":\"hard\",\"messageId\":\"the first one\"}"
                .formatted(user));

    for (String body : bodies) {
      HttpResponse<String> answer = post("/v1/email/bounces", body);
      assertThat(answer.statusCode()).as(body).isEqualTo(400);
      assertThat(answer.body()).as(body).contains("invalid-bounce");
    }
    assertThat(
            post(
                    "/v1/email/bounces",
                    "{\"email\":\"%s@example.com\",\"type\":\"hard\"}".formatted(user),
                    "wk_wrong")
                .statusCode())
        .isEqualTo(401);
    assertThat(consents.allows(contact, ConsentChannel.EMAIL)).isTrue();
    assertThat(events(contact, "Email Bounced")).isZero();
  }

  private long bouncedAtWelcome() {
    return deliveries.stepStats("welcome").stream()
        .filter(stats -> stats.elementId().equals("welcome-email"))
        .mapToLong(MessageStepStats::bounced)
        .sum();
  }

  private String signUp(String firstName) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Signed Up","traits":{"email":"%s@example.com","firstName":"%s"}}
        """
            .formatted(user, user, firstName));
    await().atMost(PATIENCE).until(() -> contacts.findByUserId(user).isPresent());
    return user;
  }

  private long events(ContactId contact, String name) {
    return jdbc.sql("select count(*) from contact_event where contact_id = :id and name = :name")
        .param("id", contact.value())
        .param("name", name)
        .query(Long.class)
        .single();
  }
}
