package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The library's post-purchase journey with two buyers at once (a week and the wait for the reorder
 * date are 20 s each in tests): one orders two items and tells the shop when they will run out, and
 * gets the thank-you with both items, the review request and the restock reminder; one orders
 * without items or a reorder date and gets the thank-you and review request only.
 */
class PostPurchaseJourneyTest extends LibraryJourneyScenario {

  private static final String JOURNEY = "post-purchase";

  @Test
  void
      buyers_are_thanked_with_their_items_asked_for_a_review_and_reminded_before_their_reorder_date() {
    publish(JOURNEY);
    String regular = newUser();
    String oneOff = newUser();
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Order Completed",
         "properties":{"order_id":"P-100","revenue":42.5,"currency":"EUR","products":[
           {"product_id":"C-1","name":"Espresso beans 1 kg","price":24.5,"quantity":1,"url":"https://shop.test/p/espresso"},
           {"product_id":"F-2","name":"Paper filters","price":9,"quantity":2,"url":"https://shop.test/p/filters"}]},
         "traits":{"email":"%s@example.com","firstName":"Dee","reorder_date":"%s"}}
        """
            .formatted(regular, regular, LocalDate.now().plusDays(30)));
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Order Completed","properties":{"order_id":"P-101","revenue":15},
         "traits":{"email":"%s@example.com","firstName":"Eli"}}
        """
            .formatted(oneOff, oneOff));

    MimeMessage thanks = awaitEmail(regular, "Thank you for your order #P-100, Dee");
    assertThat(body(thanks))
        .contains(
            "1 x Espresso beans 1 kg",
            "24.5 EUR",
            "2 x Paper filters",
            "Order total: <strong>42.5 EUR");
    assertThat(body(awaitEmail(oneOff, "Thank you for your order #P-101, Eli")))
        .contains("#P-101")
        .doesNotContain(" x ");
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"P-102\",\"revenue\":9}}"
            .formatted(regular));

    assertThat(body(awaitEmail(regular, "Dee, how do you like your order?")))
        .contains("Review Espresso beans 1 kg", "Review Paper filters");
    assertThat(body(awaitEmail(regular, "Running low, Dee? Time to restock")))
        .contains("Espresso beans 1 kg", "Order again");
    assertThat(pathWhenDone(regular, JOURNEY))
        .containsExactly(
            "order-completed",
            "thank-you-email",
            "wait-a-week",
            "review-email",
            "reorder-known-decide",
            "until-reorder-schedule",
            "until-reorder",
            "replenish-email",
            "reminded");
    assertThat(pathWhenDone(oneOff, JOURNEY))
        .containsExactly(
            "order-completed",
            "thank-you-email",
            "wait-a-week",
            "review-email",
            "reorder-known-decide",
            "no-reorder-date");
    assertThat(sentSubjects(regular, JOURNEY))
        .containsExactly(
            "Thank you for your order #P-100, Dee",
            "Dee, how do you like your order?",
            "Running low, Dee? Time to restock");
    assertThat(sentSubjects(oneOff, JOURNEY))
        .containsExactly(
            "Thank you for your order #P-101, Eli", "Eli, how do you like your order?");
  }
}
