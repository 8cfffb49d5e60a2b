package dev.cairn.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.delivery.MessageView;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The library's abandoned cart journey with realistic shoppers (waits shortened to 20 s by the test
 * settings): one never orders and gets the reminder, then the discount; one orders after the
 * reminder and leaves as a conversion; one who agreed to texts also gets a text before the
 * discount.
 */
class AbandonedCartJourneyTest extends LibraryJourneyScenario {

  @Autowired Deliveries deliveries;

  @Test
  void shoppers_get_a_reminder_then_a_discount_unless_they_order_which_ends_the_journey()
      throws Exception {
    publish("abandoned-cart");
    String hesitant = shopper("Ada", "");
    String buyer = shopper("Bo", "");
    String texter = shopper("Cy", ",\"phone\":\"+4741234599\",\"sms_consent\":\"subscribed\"");

    MimeMessage reminder = awaitEmail(hesitant, "Ada, you left something in your cart");
    assertThat(GreenMailUtil.getBody(reminder)).contains("Trail shoes").contains("89");
    awaitEmail(buyer, "Bo, you left something in your cart");
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":89}}"
            .formatted(buyer));

    MimeMessage discount = awaitEmail(hesitant, "10% off what is waiting in your cart");
    assertThat(GreenMailUtil.getBody(discount)).contains("CART10");
    assertThat(awaitPath(hesitant, "not-recovered")).doesNotContain("goal-converted");
    assertThat(awaitPath(buyer, "goal-converted"))
        .doesNotContain("discount-email", "not-recovered");
    assertThat(emailsTo(buyer)).hasSize(1);

    // Only the shopper who agreed to texts takes the SMS path, and the text goes through the Twilio
    // SDK.
    awaitEmail(texter, "10% off what is waiting in your cart");
    assertThat(awaitPath(texter, "not-recovered"))
        .containsSubsequence("reminder-email", "reminder-sms", "discount-email");
    assertThat(awaitPath(hesitant, "not-recovered")).doesNotContain("reminder-sms");
    MessageView text =
        deliveries.forContact(contacts.findByUserId(texter).orElseThrow().id()).stream()
            .filter(message -> message.channel() == Channel.SMS)
            .findFirst()
            .orElseThrow();
    assertThat(text.recipient()).isEqualTo("+4741234599");
    // The cart link is shortened (a text's length costs money) and leads to the cart.
    assertThat(text.bodyText())
        .matches(
            "Cy, your cart is still waiting: http://localhost:\\d+/s/[0-9A-Za-z]{8} Reply STOP to opt out\\.");
    assertThat(text.status()).isEqualTo(MessageStatus.SENT);
    assertThat(text.transport()).startsWith("twilio:SM");
    List<LoggedRequest> toTwilio =
        TWILIO.findAll(
            postRequestedFor(urlPathMatching(".*/Messages.json"))
                .withRequestBody(containing("To=%2B4741234599")));
    assertThat(toTwilio).hasSize(1);
    assertThat(URLDecoder.decode(toTwilio.getFirst().getBodyAsString(), StandardCharsets.UTF_8))
        .contains("Body=" + text.bodyText());
    assertThat(redirectOf(text.bodyText().replaceAll(".*(/s/\\w+).*", "$1")))
        .isEqualTo("https://shop.test/cart");
  }

  private String redirectOf(String path) throws Exception {
    HttpResponse<Void> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(answer.statusCode()).isEqualTo(302);
    return answer.headers().firstValue("Location").orElseThrow();
  }

  private String shopper(String firstName, String moreTraits) {
    String user = "u-" + UUID.randomUUID();
    var answer =
        post(
            "/v1/track",
            """
        {"userId":"%s","event":"Product Added",
         "properties":{"name":"Trail shoes","price":89,"url":"https://shop.test/cart"},
         "traits":{"email":"%s@example.com","firstName":"%s"%s}}
        """
                .formatted(user, user, firstName, moreTraits));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return user;
  }
}
