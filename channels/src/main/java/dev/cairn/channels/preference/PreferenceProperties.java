package dev.cairn.channels.preference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topics of email a recipient can opt out of one by one in the preference centre.
 *
 * @param topics id (named by an email step's {@code topic} header) to the name recipients read, in
 *     the order the page lists them; e.g. {@code cairn.preferences.topics.offers=Offers and
 *     discounts}. Unset: newsletter, offers and product news.
 */
@ConfigurationProperties("cairn.preferences")
public record PreferenceProperties(Map<String, String> topics) {

  public PreferenceProperties {
    Map<String, String> ordered = new LinkedHashMap<>();
    if (topics == null || topics.isEmpty()) {
      ordered.put("newsletter", "Newsletter");
      ordered.put("offers", "Offers and discounts");
      ordered.put("product-news", "Product news");
    } else {
      ordered.putAll(topics);
    }
    topics = Collections.unmodifiableMap(ordered);
  }
}
