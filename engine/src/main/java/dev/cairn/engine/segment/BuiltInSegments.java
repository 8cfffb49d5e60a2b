package dev.cairn.engine.segment;

import dev.cairn.engine.segment.SegmentRule.Activity;
import dev.cairn.engine.segment.SegmentRule.All;
import dev.cairn.engine.segment.SegmentRule.Attribute;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The segments every shop needs on day one; a marketer may change or delete them. */
@Component
class BuiltInSegments {

  private static final String ORDER = "Order Completed";

  private final Segments segments;

  BuiltInSegments(Segments segments) {
    this.segments = segments;
  }

  @EventListener(ApplicationReadyEvent.class)
  void install() {
    segments.addBuiltIn(
        "new-subscribers",
        "New subscribers",
        "Joined in the last 30 days and have an email address.",
        new All(
            List.of(
                new Attribute("created_at", AttributeOperator.WITHIN_LAST_DAYS, "30"),
                new Attribute("email", AttributeOperator.IS_SET, null))));
    segments.addBuiltIn(
        "active-30-days",
        "Active in the last 30 days",
        "Sent any event in the last 30 days.",
        new Attribute("last_seen_at", AttributeOperator.WITHIN_LAST_DAYS, "30"));
    segments.addBuiltIn(
        "vip",
        "VIP customers",
        "At least 3 orders worth 500 or more in the last year.",
        new Activity(ORDER, true, 3, 365, "revenue", new BigDecimal("500")));
    segments.addBuiltIn(
        "at-risk",
        "At-risk customers",
        "Ordered before, but not in the last 90 days.",
        new All(
            List.of(
                new Activity(ORDER, true, 1, null, null, null),
                new Activity(ORDER, false, 1, 90, null, null))));
    segments.addBuiltIn(
        "cart-abandoners",
        "Cart abandoners",
        "Added to cart in the last day without ordering since.",
        new All(
            List.of(
                new Activity("Product Added", true, 1, 1, null, null),
                new Activity(ORDER, false, 1, 1, null, null))));
  }
}
