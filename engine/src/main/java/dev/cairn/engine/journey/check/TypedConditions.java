package dev.cairn.engine.journey.check;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.Segments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Comparisons in a branch condition that do not fit the declared type of the attribute they
 * compare: an operator the type has no use for ("contains" on a number) or a value that is not one
 * of the type's ("abc" for a number, "soon" for a date). Attributes no one declared have no type,
 * so nothing about them is a mismatch. What is refused here is what the branch would refuse when it
 * runs, so each is found before publishing, in the words of the one who drew it.
 */
public final class TypedConditions {

  private static final String TRAIT = "trait:";

  private TypedConditions() {}

  /** What is wrong with each comparison of the rule (in groups too), in the order they appear. */
  static List<String> mismatches(SegmentRule rule, AttributeSchema schema) {
    List<String> found = new ArrayList<>();
    collect(rule, schema, found);
    return found;
  }

  /**
   * The rule with every mismatched comparison taken out (an empty group in its place), so what else
   * the condition gets wrong is still found without a second message for the same mistake. Only for
   * checking: the rule no longer means what the marketer drew.
   */
  public static SegmentRule withoutMismatches(SegmentRule rule, AttributeSchema schema) {
    return switch (rule) {
      case SegmentRule.All all ->
          new SegmentRule.All(
              all.rules().stream().map(each -> withoutMismatches(each, schema)).toList());
      case SegmentRule.Any any ->
          new SegmentRule.Any(
              any.rules().stream().map(each -> withoutMismatches(each, schema)).toList());
      case SegmentRule.Attribute attribute when mismatch(attribute, schema).isPresent() ->
          new SegmentRule.All(List.of());
      default -> rule;
    };
  }

  private static void collect(SegmentRule rule, AttributeSchema schema, List<String> found) {
    switch (rule) {
      case SegmentRule.All all -> all.rules().forEach(each -> collect(each, schema, found));
      case SegmentRule.Any any -> any.rules().forEach(each -> collect(each, schema, found));
      case SegmentRule.Attribute attribute -> mismatch(attribute, schema).ifPresent(found::add);
      default -> {}
    }
  }

  /** Why this comparison does not fit its attribute's declared type, if it does not. */
  static Optional<String> mismatch(SegmentRule.Attribute rule, AttributeSchema schema) {
    String attribute = rule.attribute().strip();
    if (!attribute.startsWith(TRAIT)) {
      return Optional
          .empty(); // Cairn's own fields: their kinds are checked with the rest of the condition
    }
    String name = attribute.substring(TRAIT.length());
    Optional<AttributeType> declared = schema.typeOf(name);
    if (declared.isEmpty()) {
      return Optional.empty();
    }
    AttributeType type = declared.get();
    AttributeOperator operator = rule.operator();
    List<AttributeOperator> fitting = Segments.operatorsFor(type);
    if (!fitting.contains(operator)) {
      return Optional.of(
          name
              + " is "
              + type.expected()
              + ", which \""
              + operator.label()
              + "\" cannot compare. Use "
              + choices(fitting)
              + " instead.");
    }
    String value = rule.value() == null ? "" : rule.value().strip();
    if (!operator.needsValue() || value.isEmpty()) {
      return Optional.empty(); // a missing value is reported with the rest of the condition
    }
    return Optional.ofNullable(valueProblem(name, type, operator, value));
  }

  private static @Nullable String valueProblem(
      String name, AttributeType type, AttributeOperator operator, String value) {
    return switch (type) {
      case NUMBER ->
          isNumber(value)
              ? null
              : name
                  + " is a number, but the condition compares it with \""
                  + value
                  + "\". Enter a number such as 100.";
      case DATE ->
          switch (operator) {
            case WITHIN_LAST_DAYS, MORE_THAN_DAYS_AGO ->
                isDays(value)
                    ? null
                    : name
                        + " is a date, and \""
                        + operator.label()
                        + "\" needs a number of days, not \""
                        + value
                        + "\". Enter a whole number of days, 1 or more, such as 7.";
            default ->
                isDate(value)
                    ? null
                    : name
                        + " is a date, but the condition compares it with \""
                        + value
                        + "\". Enter a date such as 2026-03-01.";
          };
      case STRING, BOOLEAN, LIST -> null; // any text is something to look for
    };
  }

  /** As the branch reads a number when it runs. */
  private static boolean isNumber(String value) {
    try {
      new BigDecimal(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDays(String value) {
    try {
      return Integer.parseInt(value) >= 1;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A day, as the branch compares one: a time of day would not be read. */
  private static boolean isDate(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** "is", "is not" or "is set". */
  private static String choices(List<AttributeOperator> operators) {
    List<String> quoted =
        operators.stream().map(operator -> "\"" + operator.label() + "\"").toList();
    if (quoted.size() == 1) {
      return quoted.getFirst();
    }
    return quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", "))
        + " or "
        + quoted.getLast();
  }
}
