package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/**
 * The library's browse abandonment journey with three shoppers looking at the same jacket at once
 * (the hour's wait is 20 s in tests): one walks away and gets the product by email, one adds it to
 * cart, one orders it; the last two get nothing from this journey. Browsing on does not bring a
 * second email.
 */
class BrowseAbandonmentJourneyTest extends LibraryJourneyScenario {

  private static final String JOURNEY = "browse-abandonment";

  @Test
  void shoppers_who_neither_add_to_cart_nor_order_within_the_hour_get_the_viewed_product_once() {
    publish(JOURNEY);
    String browser = newUser();
    String carter = newUser();
    String buyer = newUser();
    views(browser, "Ada");
    views(carter, "Bo");
    views(buyer, "Cy");
    awaitAt(carter, JOURNEY, "wait-for-interest");
    awaitAt(buyer, JOURNEY, "wait-for-interest");

    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"J-7\",\"name\":\"Rain jacket\",\"price\":129}}"
            .formatted(carter));
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-1\",\"revenue\":129}}"
            .formatted(buyer));
    views(browser, "Ada"); // still browsing: one run at a time

    MimeMessage email = awaitEmail(browser, "Ada, still thinking about Rain jacket?");
    assertThat(body(email)).contains("Rain jacket").contains("129 EUR").contains("/t/c/");
    assertThat(pathWhenDone(browser, JOURNEY))
        .containsExactly(
            "viewed-product", "wait-for-interest", "an-hour-later", "browse-email", "reminded");
    assertThat(pathWhenDone(carter, JOURNEY))
        .containsExactly("viewed-product", "wait-for-interest", "added-to-cart", "carted");
    assertThat(pathWhenDone(buyer, JOURNEY))
        .containsExactly("viewed-product", "wait-for-interest", "ordered", "bought");

    views(browser, "Ada"); // the same day again: the re-entry gap holds them back
    awaitEventsHandled(browser);

    assertThat(path(browser, JOURNEY))
        .containsExactly(
            "viewed-product", "wait-for-interest", "an-hour-later", "browse-email", "reminded");
    assertThat(sentSubjects(browser, JOURNEY))
        .containsExactly("Ada, still thinking about Rain jacket?");
    assertThat(sentSubjects(carter, JOURNEY)).isEmpty();
    assertThat(sentSubjects(buyer, JOURNEY)).isEmpty();
  }

  private void views(String user, String firstName) {
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Product Viewed",
         "properties":{"product_id":"J-7","name":"Rain jacket","price":129,"currency":"EUR","url":"https://shop.test/p/rain-jacket"},
         "traits":{"email":"%s@example.com","firstName":"%s"}}
        """
            .formatted(user, user, firstName));
  }
}
