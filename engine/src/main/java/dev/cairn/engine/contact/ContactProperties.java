package dev.cairn.engine.contact;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How contact data is read.
 *
 * @param defaultPhoneRegion the country (ISO 3166 code such as "US" or "NO") of phone numbers sent
 *     without a country code; unset: numbers must start with +
 * @param purchaseEvent the event that means an order (counted in order count, revenue, RFM)
 * @param revenueProperty the purchase event's property holding the order's value
 */
@ConfigurationProperties("cairn.contacts")
public record ContactProperties(
    @Nullable String defaultPhoneRegion, String purchaseEvent, String revenueProperty) {

  public ContactProperties {
    purchaseEvent =
        purchaseEvent == null || purchaseEvent.isBlank() ? "Order Completed" : purchaseEvent;
    revenueProperty =
        revenueProperty == null || revenueProperty.isBlank() ? "revenue" : revenueProperty;
  }
}
