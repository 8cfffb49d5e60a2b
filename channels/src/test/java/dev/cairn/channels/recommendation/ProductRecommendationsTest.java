package dev.cairn.channels.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.channels.ChannelSlice;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IncomingEvent;
import dev.cairn.engine.event.IngestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Customers who bought this also bought", computed in PostgreSQL from planted purchases:
 *
 * <pre>
 *   me     alpha
 *   c1     alpha + bravo (one order), charlie
 *   c2     alpha, bravo
 *   c3     alpha, delta
 *   c5     delta
 *   c4     Echo (no product_id) three times; foxtrot 200 days ago
 * </pre>
 */
@SpringBootTest(classes = ChannelSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProductRecommendationsTest {

  private static final Instant NOW = ChannelSlice.NOW;

  @Autowired ProductRecommendations recommendations;
  @Autowired EventIngestion events;
  @Autowired JdbcClient jdbc;

  private ContactId me;

  @BeforeEach
  void plantPurchases() {
    jdbc.sql("delete from contact_event where name = :purchase")
        .param("purchase", ProductRecommendations.PURCHASE)
        .update();
    me = contact();
    buy(me, 10, product("alpha", 20));
    ContactId c1 = contact();
    buy(c1, 9, product("alpha", 20), product("bravo", 15));
    buy(c1, 8, product("charlie", 30));
    ContactId c2 = contact();
    buy(c2, 7, product("alpha", 20));
    buy(c2, 6, product("bravo", 15));
    ContactId c3 = contact();
    buy(c3, 5, product("alpha", 20));
    buy(c3, 4, product("delta", 12));
    buy(contact(), 3, product("delta", 12));
    ContactId c4 = contact();
    for (int day = 1; day <= 3; day++) {
      buy(c4, day, Map.of("name", "Echo", "price", 9));
    }
    buy(c4, 200, product("foxtrot", 99));
  }

  @Test
  void products_bought_by_the_most_customers_who_also_bought_the_contact_s_products_come_first() {
    assertThat(ids(recommendations.forContact(me, List.of())))
        .as("bravo: 2 such customers; delta and charlie 1 each, delta the better seller")
        .containsExactly("bravo", "delta", "charlie");
  }

  @Test
  void a_recommendation_is_the_product_as_its_latest_purchase_described_it() {
    buy(
        contact(),
        0,
        Map.of(
            "product_id",
            "bravo",
            "name",
            "Bravo v2",
            "price",
            17.5,
            "url",
            "https://shop.test/bravo",
            "quantity",
            4));

    assertThat(recommendations.forContact(me, List.of()).getFirst())
        .isEqualTo(
            Map.of(
                "product_id",
                "bravo",
                "name",
                "Bravo v2",
                "price",
                17.5,
                "url",
                "https://shop.test/bravo"));
  }

  @Test
  void products_the_contact_bought_are_never_recommended_and_best_sellers_fill_the_rest() {
    buy(me, 2, product("bravo", 15));

    assertThat(ids(recommendations.forContact(me, List.of())))
        .as(
            "charlie (with bravo, c1) and delta (with alpha, c3), then the best-seller Echo; foxtrot sold too long ago")
        .containsExactly("delta", "charlie", "Echo");
  }

  @Test
  void a_contact_who_bought_nothing_gets_the_best_sellers_of_the_last_90_days() {
    assertThat(ids(recommendations.forContact(contact(), List.of())))
        .containsExactly("alpha", "Echo", "bravo");
  }

  @Test
  void
      the_products_of_the_journey_s_event_seed_the_recommendations_and_are_not_recommended_themselves() {
    List<?> cart =
        ProductRecommendations.productsOf(
            Map.of("properties", Map.of("products", List.of(product("delta", 12)))));

    assertThat(ids(recommendations.forContact(contact(), cart)))
        .as("alpha bought with delta (c3), then best-sellers")
        .containsExactly("alpha", "Echo", "bravo");
  }

  private static List<Object> ids(List<Map<String, Object>> products) {
    return products.stream()
        .map(product -> product.getOrDefault("product_id", product.get("name")))
        .toList();
  }

  private static Map<String, Object> product(String id, double price) {
    return Map.of(
        "product_id",
        id,
        "name",
        Character.toUpperCase(id.charAt(0)) + id.substring(1),
        "price",
        price);
  }

  private ContactId contact() {
    return ((IngestResult.Accepted)
            events.ingest(event(EventType.IDENTIFY, "u-" + UUID.randomUUID(), null, Map.of(), NOW)))
        .contactId();
  }

  @SafeVarargs
  private void buy(ContactId contact, int daysAgo, Map<String, Object>... products) {
    String user =
        jdbc.sql("select external_id from contact where id = :id")
            .param("id", contact.value())
            .query(String.class)
            .single();
    events.ingest(
        event(
            EventType.TRACK,
            user,
            ProductRecommendations.PURCHASE,
            Map.of("products", List.of(products)),
            NOW.minus(Duration.ofDays(daysAgo))));
  }

  private static IncomingEvent event(
      EventType type, String user, String name, Map<String, Object> properties, Instant at) {
    return new IncomingEvent(
        UUID.randomUUID().toString(),
        type,
        new Identity(user, null),
        name,
        properties,
        Traits.fromSegment(Map.of()),
        at);
  }
}
