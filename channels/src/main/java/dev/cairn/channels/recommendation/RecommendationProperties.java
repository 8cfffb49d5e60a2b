package dev.cairn.channels.recommendation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Product recommendations in emails ({@code recommendations} in a template).
 *
 * @param count how many products a template's {@code recommendations} holds at most (3)
 * @param bestSellerDays how far back best-sellers are counted when nothing was bought together with
 *     the contact's products (90)
 */
@ConfigurationProperties("cairn.recommendations")
public record RecommendationProperties(int count, int bestSellerDays) {

  public RecommendationProperties {
    count = count <= 0 ? 3 : count;
    bestSellerDays = bestSellerDays <= 0 ? 90 : bestSellerDays;
  }
}
