package dev.cairn.channels.recommendation;

import dev.cairn.engine.contact.ContactId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Products to recommend to one contact, computed in PostgreSQL from {@code Order Completed} events
 * ({@code properties.products[]}, each known by {@code product_id}, else by {@code name}): first
 * what other customers bought who also bought the contact's products or the ones the journey's
 * event names (a cart, say), most such customers first; then, to fill up, the best-sellers of the
 * last days. Never a product the contact bought or the event names.
 */
@Service
public class ProductRecommendations {

  /** The event whose {@code products} say what was bought. */
  public static final String PURCHASE = "Order Completed";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final RecommendationProperties properties;

  ProductRecommendations(
      JdbcClient jdbc, JsonMapper json, Clock clock, RecommendationProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * Up to the configured number of products, each as its latest purchase event described it ({@code
   * product_id}, {@code name}, {@code price}, {@code url}, {@code image_url}, ...).
   *
   * @param shown products the email is about already (the event's {@code products}): they seed the
   *     co-occurrence and are not recommended
   */
  public List<Map<String, Object>> forContact(ContactId contact, Collection<?> shown) {
    List<String> seeds =
        shown.stream()
            .map(ProductRecommendations::key)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    return jdbc.sql(
            """
            with purchase as (
              select e.id as order_id, e.contact_id, e.occurred_at, p.item,
                     coalesce(nullif(p.item ->> 'product_id', ''), nullif(p.item ->> 'name', '')) as product
              from contact_event e
              cross join lateral jsonb_array_elements(
                case when jsonb_typeof(e.properties -> 'products') = 'array' then e.properties -> 'products' else '[]'::jsonb end) as p(item)
              where e.name = :purchase and jsonb_typeof(p.item) = 'object'
            ),
            known as (
              select product from purchase where contact_id = :contact and product is not null
              union
              select unnest(cast(:seeds as text[]))
            ),
            together as (
              select other.product, count(distinct other.contact_id) as buyers
              from purchase seed
              join purchase other on other.contact_id = seed.contact_id and other.product <> seed.product
              where seed.product in (select product from known) and seed.contact_id <> :contact
                and other.product not in (select product from known)
              group by other.product
            ),
            popular as (
              select product, count(distinct order_id) as orders
              from purchase
              where occurred_at >= :since and product is not null and product not in (select product from known)
              group by product
            ),
            latest as (
              select distinct on (product) product, item
              from purchase
              where product is not null
              order by product, occurred_at desc, order_id desc
            )
            select l.item::text as item
            from latest l
            left join together t using (product)
            left join popular p using (product)
            where t.buyers is not null or p.orders is not null
            order by t.buyers desc nulls last, p.orders desc nulls last, l.product
            limit :limit
            """)
        .param("purchase", PURCHASE)
        .param("contact", contact.value())
        .param("seeds", seeds.toArray(String[]::new))
        .param(
            "since",
            Timestamp.from(clock.instant().minus(Duration.ofDays(properties.bestSellerDays()))))
        .param("limit", properties.count())
        .query((rs, row) -> product(rs.getString("item")))
        .list();
  }

  /** The products an event's {@code properties.products} lists, for {@link #forContact}. */
  public static List<?> productsOf(@Nullable Object event) {
    if (event instanceof Map<?, ?> map
        && map.get("properties") instanceof Map<?, ?> properties
        && properties.get("products") instanceof List<?> products) {
      return products;
    }
    return List.of();
  }

  /** Products of several events together. */
  public static List<?> productsOf(@Nullable Object first, @Nullable Object second) {
    return Stream.concat(productsOf(first).stream(), productsOf(second).stream()).toList();
  }

  private Map<String, Object> product(String item) {
    Map<String, Object> product = new LinkedHashMap<>(json.readValue(item, MAP));
    product.remove("quantity"); // how many one order had, not a fact about the product
    return product;
  }

  private static @Nullable String key(Object product) {
    if (product instanceof Map<?, ?> map) {
      for (String field : List.of("product_id", "name")) {
        if (map.get(field) != null && !String.valueOf(map.get(field)).isBlank()) {
          return String.valueOf(map.get(field));
        }
      }
    }
    return null;
  }
}
