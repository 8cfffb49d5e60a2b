package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.tracking.JourneyTracking;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The library's abandoned cart journey with realistic shoppers (waits shortened to 20 s by the
 * test settings): one never orders and gets the reminder, then the discount; one orders after
 * the reminder and leaves as a conversion.
 */
class AbandonedCartJourneyTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;

  @Test
  void shoppers_get_a_reminder_then_a_discount_unless_they_order_which_ends_the_journey() throws Exception {
    if (journeys.neverPublished("abandoned-cart")) {
      assertThat(journeys.publish("abandoned-cart")).isInstanceOf(PublishResult.Published.class);
    }
    String hesitant = shopper("Ada");
    String buyer = shopper("Bo");

    MimeMessage reminder = awaitEmail(hesitant, "Ada, you left something in your cart");
    assertThat(GreenMailUtil.getBody(reminder)).contains("Trail shoes").contains("89");
    awaitEmail(buyer, "Bo, you left something in your cart");
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":89}}".formatted(buyer));

    MimeMessage discount = awaitEmail(hesitant, "10% off what is waiting in your cart");
    assertThat(GreenMailUtil.getBody(discount)).contains("CART10");
    assertThat(awaitPath(hesitant, "not-recovered")).doesNotContain("goal-converted");
    assertThat(awaitPath(buyer, "goal-converted")).doesNotContain("discount-email", "not-recovered");
    assertThat(emailsTo(buyer)).hasSize(1);
  }

  private String shopper(String firstName) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Product Added",
         "properties":{"name":"Trail shoes","price":89,"url":"https://shop.test/cart"},
         "traits":{"email":"%s@example.com","firstName":"%s"}}
        """
            .formatted(user, user, firstName));
    return user;
  }

}
