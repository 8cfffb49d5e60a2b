package dev.cairn.engine.segment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What makes a contact a member of a segment, as data: built by clicking in the console, stored as
 * JSON, turned into one SQL condition by {@link SegmentQuery}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SegmentRule.All.class, name = "all"),
  @JsonSubTypes.Type(value = SegmentRule.Any.class, name = "any"),
  @JsonSubTypes.Type(value = SegmentRule.Attribute.class, name = "attribute"),
  @JsonSubTypes.Type(value = SegmentRule.Activity.class, name = "activity"),
  @JsonSubTypes.Type(value = SegmentRule.Membership.class, name = "membership"),
  @JsonSubTypes.Type(value = SegmentRule.Engagement.class, name = "engagement"),
  @JsonSubTypes.Type(value = SegmentRule.ListMembership.class, name = "list")
})
public sealed interface SegmentRule {

  /** Every rule holds (AND). An empty group holds for everyone. */
  record All(List<SegmentRule> rules) implements SegmentRule {
    public All {
      rules = List.copyOf(rules);
    }
  }

  /** At least one rule holds (OR). An empty group holds for no one. */
  record Any(List<SegmentRule> rules) implements SegmentRule {
    public Any {
      rules = List.copyOf(rules);
    }
  }

  /**
   * A contact attribute compared with a value: a field ({@code email}, {@code first_name}, {@code
   * created_at}, ...) or a custom trait ({@code trait:plan}).
   */
  record Attribute(String attribute, AttributeOperator operator, @Nullable String value)
      implements SegmentRule {
    public Attribute {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(operator, "operator");
    }
  }

  /**
   * What the contact did: tracked an event ({@code Order Completed}) at least {@code atLeast} times
   * (0 with {@code did=false}: never), within the last {@code withinDays} days (null: ever), and
   * optionally with the sum of a numeric property at least {@code sumAtLeast} (revenue).
   */
  record Activity(
      String event,
      boolean did,
      int atLeast,
      @Nullable Integer withinDays,
      @Nullable String sumProperty,
      @Nullable BigDecimal sumAtLeast)
      implements SegmentRule {
    public Activity {
      Objects.requireNonNull(event, "event");
      if (atLeast < 1) {
        atLeast = 1;
      }
    }
  }

  /**
   * How the contact took a message an earlier step of the same journey sent them: opened it,
   * clicked a link in it, or it bounced ({@code did=false}: did not). Only a journey branch can ask
   * this, since it is about the contact's own way through that journey.
   *
   * @param step the element id of the send email (or SMS) step
   */
  record Engagement(String step, EngagementAction action, boolean did) implements SegmentRule {
    public Engagement {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(action, "action");
    }
  }

  /** Member (or not) of another segment, as of its last refresh. */
  record Membership(String segmentId, boolean member) implements SegmentRule {
    public Membership {
      Objects.requireNonNull(segmentId, "segmentId");
    }
  }

  /**
   * On (or not on) one of the marketer's lists ({@code newsletter}); a list that does not exist has
   * no one on it.
   */
  record ListMembership(String listId, boolean member) implements SegmentRule {
    public ListMembership {
      Objects.requireNonNull(listId, "listId");
    }
  }
}
