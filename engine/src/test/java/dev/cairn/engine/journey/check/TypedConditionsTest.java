package dev.cairn.engine.journey.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.InvalidSegmentException;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.Segments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A branch condition compares a declared attribute only as its type allows, and says what to write
 * instead.
 */
class TypedConditionsTest {

  private static final AttributeSchema DECLARED =
      new AttributeSchema(
          Map.of(
              "lifetime_value", AttributeType.NUMBER,
              "birthday", AttributeType.DATE,
              "plan", AttributeType.STRING,
              "vip", AttributeType.BOOLEAN,
              "interests", AttributeType.LIST));

  @Test
  void a_number_compared_with_a_word_says_to_enter_a_number() {
    assertThat(
            TypedConditions.mismatches(
                rule("trait:lifetime_value", AttributeOperator.AT_LEAST, "abc"), DECLARED))
        .containsExactly(
            "lifetime_value is a number, but the condition compares it with \"abc\". Enter a number such as 100.");
  }

  @Test
  void a_date_compared_with_a_word_or_a_time_of_day_says_to_enter_a_date() {
    assertThat(
            TypedConditions.mismatches(
                rule("trait:birthday", AttributeOperator.BEFORE, "soon"), DECLARED))
        .containsExactly(
            "birthday is a date, but the condition compares it with \"soon\". Enter a date such as 2026-03-01.");
    assertThat(
            TypedConditions.mismatches(
                rule("trait:birthday", AttributeOperator.AFTER, "2026-03-01T09:00:00Z"), DECLARED))
        .containsExactly(
            "birthday is a date, but the condition compares it with \"2026-03-01T09:00:00Z\". Enter a date such as 2026-03-01.");
  }

  @Test
  void days_before_now_must_be_a_whole_number_of_one_or_more() {
    assertThat(
            TypedConditions.mismatches(
                rule("trait:birthday", AttributeOperator.MORE_THAN_DAYS_AGO, "0"), DECLARED))
        .containsExactly(
            "birthday is a date, and \"is more than (days) ago\" needs a number of days, not \"0\". Enter a whole number of days, 1 or more, such as 7.");
  }

  @Test
  void an_operator_the_type_has_no_use_for_names_the_ones_it_has() {
    assertThat(
            TypedConditions.mismatches(
                rule("trait:lifetime_value", AttributeOperator.CONTAINS, "gold"), DECLARED))
        .containsExactly(
            "lifetime_value is a number, which \"contains\" cannot compare. Use \"is\", \"is not\", \"is at least\", \"is at most\", \"is more than\","
                + " \"is less than\", \"is set\" or \"is not set\" instead.");
    assertThat(
            TypedConditions.mismatches(
                rule("trait:plan", AttributeOperator.BEFORE, "2026-03-01"), DECLARED))
        .containsExactly(
            "plan is text, which \"is before (date)\" cannot compare. Use \"is\", \"is not\", \"contains\", \"starts with\", \"is set\" or \"is not set\" instead.");
    assertThat(
            TypedConditions.mismatches(
                rule("trait:vip", AttributeOperator.EQUALS, "yes"), DECLARED))
        .containsExactly(
            "vip is true or false, which \"is\" cannot compare. Use \"is true\", \"is false\", \"is set\" or \"is not set\" instead.");
  }

  @Test
  void every_mismatch_in_nested_groups_is_reported_in_order() {
    SegmentRule condition =
        new SegmentRule.Any(
            List.of(
                rule("trait:interests", AttributeOperator.EQUALS, "golf"),
                new SegmentRule.All(
                    List.of(
                        rule("trait:plan", AttributeOperator.EQUALS, "Pro"),
                        rule("trait:lifetime_value", AttributeOperator.LESS_THAN, "ten")))));

    assertThat(TypedConditions.mismatches(condition, DECLARED))
        .containsExactly(
            "interests is a list of text, which \"is\" cannot compare. Use \"contains\", \"is set\" or \"is not set\" instead.",
            "lifetime_value is a number, but the condition compares it with \"ten\". Enter a number such as 100.");
  }

  @Test
  void attributes_no_one_declared_and_cairns_own_fields_are_not_judged_here() {
    SegmentRule condition =
        new SegmentRule.All(
            List.of(
                rule("trait:score", AttributeOperator.CONTAINS, "high"),
                rule("trait:lifetime_value_eur", AttributeOperator.BEFORE, "soon"),
                rule("order_count", AttributeOperator.CONTAINS, "x")));

    assertThat(TypedConditions.mismatches(condition, DECLARED)).isEmpty();
    assertThat(
            TypedConditions.mismatches(
                rule("trait:lifetime_value", AttributeOperator.CONTAINS, "gold"),
                AttributeSchema.none()))
        .isEmpty();
  }

  @Test
  void a_missing_value_is_left_to_the_check_that_asks_for_one() {
    assertThat(
            TypedConditions.mismatches(
                rule("trait:lifetime_value", AttributeOperator.AT_LEAST, " "), DECLARED))
        .isEmpty();
  }

  @Test
  void taking_out_the_mismatches_keeps_the_rest_of_the_condition() {
    SegmentRule plan = rule("trait:plan", AttributeOperator.EQUALS, "Pro");
    SegmentRule condition =
        new SegmentRule.Any(
            List.of(
                rule("trait:vip", AttributeOperator.EQUALS, "yes"),
                new SegmentRule.All(List.of(plan))));

    assertThat(TypedConditions.withoutMismatches(condition, DECLARED))
        .isEqualTo(
            new SegmentRule.Any(
                List.of(new SegmentRule.All(List.of()), new SegmentRule.All(List.of(plan)))));
  }

  /**
   * For every declared type, operator and kind of value: what this check lets through is what the
   * branch accepts when it runs, and what it refuses the branch would refuse too.
   */
  @Test
  void what_is_refused_here_is_exactly_what_the_branch_would_refuse_when_it_runs() {
    List<String> values =
        List.of(
            "abc", "100", "-2.5", "0", "7", "2026-03-01", "2026-03-01T09:00:00Z", "true", "soon");
    List<String> disagreements = new ArrayList<>();
    for (AttributeType type : AttributeType.values()) {
      AttributeSchema schema = new AttributeSchema(Map.of("x", type));
      for (AttributeOperator operator : AttributeOperator.values()) {
        for (String value : operator.needsValue() ? values : List.of("")) {
          SegmentRule.Attribute rule = rule("trait:x", operator, value.isEmpty() ? null : value);
          boolean refusedHere = TypedConditions.mismatch(rule, schema).isPresent();
          boolean refusedWhenRun = refusedWhenRun(rule, schema);
          if (refusedHere != refusedWhenRun) {
            disagreements.add(
                type
                    + " "
                    + operator
                    + " \""
                    + value
                    + "\": refused here "
                    + refusedHere
                    + ", when run "
                    + refusedWhenRun);
          }
          assertThatCode(
                  () ->
                      Segments.checkBranch(TypedConditions.withoutMismatches(rule, schema), schema))
              .doesNotThrowAnyException();
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static boolean refusedWhenRun(SegmentRule rule, AttributeSchema schema) {
    try {
      Segments.checkBranch(rule, schema);
      return false;
    } catch (InvalidSegmentException e) {
      return true;
    }
  }

  private static SegmentRule.Attribute rule(
      String attribute, AttributeOperator operator, String value) {
    return new SegmentRule.Attribute(attribute, operator, value);
  }
}
