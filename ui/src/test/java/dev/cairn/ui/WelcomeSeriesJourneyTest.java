package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The library's welcome series with two new subscribers at once (2 and 3 days are 20 s each in
 * tests): both get the welcome and the tips; the one who has not ordered by day 5 gets the
 * first-order offer, the one who ordered does not.
 */
class WelcomeSeriesJourneyTest extends LibraryJourneyScenario {

  private static final String JOURNEY = "welcome-series";

  @Test
  void new_subscribers_get_a_welcome_then_tips_and_an_offer_on_day_five_unless_they_ordered() {
    publish(JOURNEY);
    String browser = newUser();
    String buyer = newUser();
    signsUp(browser, "Lee");
    signsUp(buyer, "May");

    assertThat(body(awaitEmail(browser, "Welcome, Lee: here is what to expect")))
        .contains("for the <strong>Pro</strong> plan");
    awaitEmail(buyer, "Welcome, May: here is what to expect");
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"S-1\",\"revenue\":35}}"
            .formatted(buyer));
    assertThat(body(awaitEmail(browser, "3 tips to get the most out of your account")))
        .contains("Save favourites");
    assertThat(body(awaitEmail(browser, "Lee, 10% off your first order"))).contains("FIRST10");

    assertThat(pathWhenDone(browser, JOURNEY))
        .containsExactly(
            "signed-up",
            "welcome-email",
            "wait-two-days",
            "tips-email",
            "wait-three-days",
            "ordered-yet-decide",
            "offer-email",
            "offered");
    assertThat(pathWhenDone(buyer, JOURNEY))
        .containsExactly(
            "signed-up",
            "welcome-email",
            "wait-two-days",
            "tips-email",
            "wait-three-days",
            "ordered-yet-decide",
            "customer");
    assertThat(sentSubjects(browser, JOURNEY))
        .containsExactly(
            "Welcome, Lee: here is what to expect",
            "3 tips to get the most out of your account",
            "Lee, 10% off your first order");
    assertThat(sentSubjects(buyer, JOURNEY))
        .containsExactly(
            "Welcome, May: here is what to expect", "3 tips to get the most out of your account");
  }

  private void signsUp(String user, String firstName) {
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"Pro\"},\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\"}}"
            .formatted(user, user, firstName));
  }
}
