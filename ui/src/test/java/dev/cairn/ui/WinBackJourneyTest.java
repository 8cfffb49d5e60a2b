package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.segment.SegmentRefresh;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The library's win-back journey, started by the built-in at-risk segment itself: three customers
 * whose last order was 100 days ago enter it at the segment's refresh (the test refreshes it rather
 * than waiting a minute; the 14- and 7-day waits are 20 s each in tests). One orders after "we miss
 * you", one clicks the last-chance offer, one stays silent and is sunset: unsubscribed from email
 * with the source "sunset".
 */
class WinBackJourneyTest extends LibraryJourneyScenario {

  private static final String JOURNEY = "win-back";

  @Autowired SegmentRefresh segmentRefresh;
  @Autowired Consents consents;

  @Test
  void lapsed_customers_who_neither_order_nor_click_after_two_emails_are_unsubscribed_from_email() {
    publish(JOURNEY);
    segmentRefresh.refresh(
        "at-risk"); // a segment's first refresh counts its population, not entries
    String silent = lapsedCustomer("Fay");
    String buyer = lapsedCustomer("Gus");
    String clicker = lapsedCustomer("Hal");

    segmentRefresh.refresh("at-risk");

    awaitEmail(silent, "We miss you, Fay");
    awaitEmail(buyer, "We miss you, Gus");
    awaitEmail(clicker, "We miss you, Hal");
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"W-1\",\"revenue\":60}}"
            .formatted(buyer));
    MimeMessage offer = awaitEmail(clicker, "Hal, 20% off before we say goodbye");
    assertThat(body(offer)).contains("COMEBACK20");
    assertThat(clickFirstLink(offer)).startsWith("https://example.com/shop?code=COMEBACK20");

    assertThat(pathWhenDone(silent, JOURNEY))
        .containsExactly(
            "became-at-risk",
            "miss-you-email",
            "wait-for-return",
            "two-weeks-quiet",
            "last-chance-email",
            "wait-for-offer",
            "week-quiet",
            "sunset",
            "sunset-done");
    assertThat(pathWhenDone(buyer, JOURNEY))
        .containsExactly(
            "became-at-risk", "miss-you-email", "wait-for-return", "ordered", "won-back");
    assertThat(pathWhenDone(clicker, JOURNEY))
        .containsExactly(
            "became-at-risk",
            "miss-you-email",
            "wait-for-return",
            "two-weeks-quiet",
            "last-chance-email",
            "wait-for-offer",
            "clicked-offer",
            "re-engaged-by-offer");
    assertThat(sentSubjects(silent, JOURNEY))
        .containsExactly("We miss you, Fay", "Fay, 20% off before we say goodbye");
    assertThat(sentSubjects(buyer, JOURNEY)).containsExactly("We miss you, Gus");
    assertThat(sentSubjects(clicker, JOURNEY))
        .containsExactly("We miss you, Hal", "Hal, 20% off before we say goodbye");
    Consent sunset = consents.of(contact(silent)).get(ConsentChannel.EMAIL);
    assertThat(sunset.status()).isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(sunset.source()).isEqualTo("sunset");
    assertThat(consents.allows(contact(buyer), ConsentChannel.EMAIL)).isTrue();
    assertThat(consents.allows(contact(clicker), ConsentChannel.EMAIL)).isTrue();
  }

  /** A customer known by the API whose only order, 100 days ago, is in their history. */
  private String lapsedCustomer(String firstName) {
    String user = newUser();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\"}}"
            .formatted(user, user, firstName));
    Instant ordered = Instant.now().minus(Duration.ofDays(100));
    jdbc.sql(
            """
            insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at, processed_at)
            values (:message, :contact, 'TRACK', 'Order Completed', '{"revenue": 80}'::jsonb, :at, :at, :at)
            """)
        .param("message", UUID.randomUUID().toString())
        .param("contact", contact(user).value())
        .param("at", Timestamp.from(ordered))
        .update();
    return user;
  }
}
