package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.journey.track.JourneyPosition;
import dev.cairn.engine.journey.track.JourneyTracking;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A customer's events move them through the Welcome journey, from HTTP to the SMTP server. */
class WelcomeJourneyEndToEndTest extends CairnIntegrationTest {

  private static final Duration JOURNEY_PATIENCE = Duration.ofSeconds(60);

  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;
  @Autowired EventFeed feed;

  @Test
  void a_sign_up_sends_a_personalised_welcome_email_and_the_contact_waits_for_a_first_order() {
    String user = newUser();

    var response = post("/v1/track", signUp(user, "Ann"));

    assertThat(response.statusCode()).isEqualTo(200);
    MimeMessage welcome = awaitEmail(user, "Welcome aboard, Ann!");
    assertThat(GreenMailUtil.getBody(welcome)).contains("Welcome, Ann!").contains("Pro");
    awaitPosition(user, "wait-for-first-order");
  }

  @Test
  void an_order_moves_a_waiting_contact_down_the_purchased_branch() {
    String user = newUser();
    post("/v1/track", signUp(user, "Ben"));
    awaitEmail(user, "Welcome aboard, Ben!");
    awaitPosition(user, "wait-for-first-order");

    var response =
        post(
            "/v1/track",
            """
            {"userId":"%s","event":"Order Completed","properties":{"order_id":"A-1001","revenue":42.5}}
            """
                .formatted(user));

    assertThat(response.statusCode()).isEqualTo(200);
    MimeMessage thanks = awaitEmail(user, "Thank you for your first order, Ben");
    assertThat(GreenMailUtil.getBody(thanks)).contains("A-1001");
    JourneyPosition position = awaitEnded(user);
    assertThat(tracking.path(contact(user).id()))
        .extracting(visit -> visit.elementId())
        .contains("order-completed", "thank-you-email", "purchased")
        .doesNotContain("nudge-email");
    assertThat(position.journeyId()).isEqualTo("welcome");
  }

  @Test
  void a_sign_up_and_an_order_sent_back_to_back_are_handled_in_their_order() {
    String user = newUser();

    post("/v1/track", signUp(user, "Flo"));
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-2\"}}"
            .formatted(user));

    awaitEmail(user, "Thank you for your first order, Flo");
    assertThat(tracking.path(contact(user).id()))
        .extracting(visit -> visit.elementId())
        .doesNotContain("nudge-email");
  }

  @Test
  void a_contact_who_does_not_order_gets_the_nudge_when_the_wait_runs_out() {
    String user = newUser();
    post("/v1/track", signUp(user, "Chloe"));

    MimeMessage nudge = awaitEmail(user, "Chloe, something for your first order");

    assertThat(GreenMailUtil.getBody(nudge)).contains("Still looking around, Chloe?");
    awaitEnded(user);
    assertThat(tracking.path(contact(user).id()))
        .extracting(visit -> visit.elementId())
        .contains("no-order-yet", "not-purchased");
  }

  @Test
  void signing_up_again_while_inside_the_journey_does_not_enrol_the_contact_twice() {
    String user = newUser();
    post("/v1/track", signUp(user, "Dan"));
    awaitPosition(user, "wait-for-first-order");

    post("/v1/track", signUp(user, "Dan"));
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"Product Viewed\"}".formatted(user));

    await().atMost(JOURNEY_PATIENCE).until(() -> feed.pendingCount() == 0);
    assertThat(tracking.positions(contact(user).id())).hasSize(1);
    assertThat(emailsTo(user)).hasSize(1);
  }

  private static String newUser() {
    return "u-" + UUID.randomUUID();
  }

  private static String signUp(String user, String firstName) {
    return """
        {"userId":"%s","event":"Signed Up","properties":{"plan":"Pro"},
         "traits":{"email":"%s@example.com","firstName":"%s"}}
        """
        .formatted(user, user, firstName);
  }

  private ContactProfile contact(String user) {
    return contacts.findByUserId(user).orElseThrow();
  }

  private void awaitPosition(String user, String elementId) {
    await()
        .atMost(JOURNEY_PATIENCE)
        .until(
            () ->
                contacts.findByUserId(user).stream()
                    .flatMap(contact -> tracking.positions(contact.id()).stream())
                    .anyMatch(position -> position.currentElementIds().contains(elementId)));
  }

  private JourneyPosition awaitEnded(String user) {
    return await()
        .atMost(JOURNEY_PATIENCE)
        .until(
            () ->
                tracking.positions(contact(user).id()).stream()
                    .filter(position -> !position.active())
                    .findFirst()
                    .orElse(null),
            position -> position != null);
  }
}
