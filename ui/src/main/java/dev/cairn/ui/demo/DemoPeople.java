package dev.cairn.ui.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Plausible sample people and orders. */
final class DemoPeople {

  private static final List<String> FIRST =
      List.of(
          "Ann", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
          "Kira", "Liam", "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sami", "Tara",
          "Umar", "Vera", "Wei", "Yara", "Zoe");
  private static final List<String> LAST =
      List.of(
          "Andersen",
          "Baker",
          "Costa",
          "Dubois",
          "Evans",
          "Fischer",
          "Garcia",
          "Hansen",
          "Ito",
          "Jensen",
          "Kowalski",
          "Lopez",
          "Moreau",
          "Nakamura",
          "Okafor",
          "Petrov",
          "Rossi",
          "Schmidt",
          "Tanaka",
          "Weber");
  private static final List<String> PLANS = List.of("Starter", "Plus", "Pro");
  private static final List<String> PRODUCTS =
      List.of(
          "Trail Runner Shoes",
          "Merino Hoodie",
          "Canvas Backpack",
          "Insulated Bottle",
          "Rain Shell",
          "Wool Socks");

  private DemoPeople() {}

  static Map<String, Object> traits(int number, RandomGenerator random) {
    String first = FIRST.get(random.nextInt(FIRST.size()));
    String last = LAST.get(random.nextInt(LAST.size()));
    String email = (first + "." + last + "." + number + "@example.com").toLowerCase(Locale.ROOT);
    return Map.of("firstName", first, "lastName", last, "email", email, "source", "demo");
  }

  static Map<String, Object> signUp(RandomGenerator random) {
    return Map.of("plan", PLANS.get(random.nextInt(PLANS.size())));
  }

  static Map<String, Object> order(RandomGenerator random) {
    String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
    double revenue = Math.round((19 + random.nextDouble() * 180) * 100) / 100.0;
    return Map.of(
        "order_id",
        "D" + (100000 + random.nextInt(900000)),
        "revenue",
        revenue,
        "currency",
        "USD",
        "products",
        List.of(Map.of("name", product, "price", revenue)));
  }

  static Map<String, Object> productView(RandomGenerator random) {
    return Map.of("name", PRODUCTS.get(random.nextInt(PRODUCTS.size())));
  }
}
