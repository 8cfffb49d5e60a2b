package dev.cairn.engine.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each declared type makes of the values traits arrive with: converted, or refused saying why.
 */
class AttributeTypeTest {

  static Stream<Arguments> convertible() {
    return Stream.of(
        Arguments.of(AttributeType.STRING, "Pro", "Pro"),
        Arguments.of(AttributeType.STRING, 42, "42"),
        Arguments.of(AttributeType.NUMBER, 42, 42L),
        Arguments.of(AttributeType.NUMBER, "42", 42L),
        Arguments.of(AttributeType.NUMBER, " 9.950 ", new BigDecimal("9.95")),
        Arguments.of(AttributeType.NUMBER, 3.0, 3L),
        Arguments.of(AttributeType.NUMBER, "-7", -7L),
        Arguments.of(AttributeType.BOOLEAN, true, true),
        Arguments.of(AttributeType.BOOLEAN, "true", true),
        Arguments.of(AttributeType.BOOLEAN, "FALSE", false),
        Arguments.of(AttributeType.BOOLEAN, "yes", true),
        Arguments.of(AttributeType.BOOLEAN, 0, false),
        Arguments.of(AttributeType.DATE, "2026-03-01", "2026-03-01"),
        Arguments.of(AttributeType.DATE, "2026-03-01T10:30:00+02:00", "2026-03-01T08:30:00Z"),
        Arguments.of(AttributeType.LIST, List.of("red", " blue "), List.of("red", "blue")),
        Arguments.of(AttributeType.LIST, "red, blue,,green", List.of("red", "blue", "green")),
        Arguments.of(AttributeType.LIST, List.of("a", 1), List.of("a", "1")));
  }

  @ParameterizedTest(name = "{0} takes {1} as {2}")
  @MethodSource("convertible")
  void values_that_convert_are_stored_in_the_types_form(
      AttributeType type, Object given, Object stored) {
    assertThat(type.convert(given)).isEqualTo(new AttributeType.Conversion.Converted(stored));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(AttributeType.STRING, Map.of("a", 1), "{a=1} is not text; send text"),
        Arguments.of(
            AttributeType.NUMBER,
            "lots",
            "\"lots\" is not a number; send a number such as 42 or 9.95"),
        Arguments.of(
            AttributeType.NUMBER, true, "true is not a number; send a number such as 42 or 9.95"),
        Arguments.of(
            AttributeType.NUMBER,
            "4,5",
            "\"4,5\" is not a number; send a number such as 42 or 9.95"),
        Arguments.of(
            AttributeType.BOOLEAN, "maybe", "\"maybe\" is not true or false; send true or false"),
        Arguments.of(AttributeType.BOOLEAN, 2, "2 is not true or false; send true or false"),
        Arguments.of(
            AttributeType.DATE,
            "next week",
            "\"next week\" is not a date; send an ISO date such as 2026-03-01 or a time such as 2026-03-01T09:30:00Z"),
        Arguments.of(
            AttributeType.DATE,
            "2026-02-31",
            "\"2026-02-31\" is not a date; send an ISO date such as 2026-03-01 or a time such as 2026-03-01T09:30:00Z"),
        Arguments.of(
            AttributeType.DATE,
            20260301,
            "20260301 is not a date; send an ISO date such as 2026-03-01 or a time such as 2026-03-01T09:30:00Z"),
        Arguments.of(
            AttributeType.LIST,
            7,
            "7 is not a list of text; send a JSON array of text such as [\"red\", \"blue\"] or comma-separated text"),
        Arguments.of(
            AttributeType.LIST,
            List.of(List.of("x")),
            "[[x]] is not a list of text; send a JSON array of text such as [\"red\", \"blue\"] or comma-separated text"));
  }

  @ParameterizedTest(name = "{0} refuses {1}")
  @MethodSource("refused")
  void values_that_do_not_convert_are_refused_naming_the_value_and_the_type(
      AttributeType type, Object given, String reason) {
    assertThat(type.convert(given)).isEqualTo(new AttributeType.Conversion.Refused(reason));
  }

  @Test
  void a_schema_converts_declared_traits_refuses_bad_ones_by_name_and_passes_the_rest() {
    AttributeSchema schema =
        new AttributeSchema(Map.of("seats", AttributeType.NUMBER, "trial", AttributeType.BOOLEAN));

    AttributeSchema.Conformed conformed =
        schema.conform(Map.of("seats", "12", "trial", "soon", "plan", "Pro"));

    assertThat(conformed.values()).containsOnly(Map.entry("seats", 12L), Map.entry("plan", "Pro"));
    assertThat(conformed.refusals())
        .containsExactly(
            new AttributeRefusal(
                "trial",
                "\"trial\" is declared as boolean: \"soon\" is not true or false; send true or false"));
  }

  @Test
  void attribute_names_are_lower_snake_case() {
    assertThat(DeclaredAttribute.nameProblem("trial_ends_on")).isEmpty();
    assertThat(DeclaredAttribute.nameProblem("plan2")).isEmpty();
    assertThat(DeclaredAttribute.nameProblem("TrialEndsOn"))
        .get()
        .asString()
        .contains("lower snake case");
    assertThat(DeclaredAttribute.nameProblem("trial__ends")).isPresent();
    assertThat(DeclaredAttribute.nameProblem("_plan")).isPresent();
    assertThat(DeclaredAttribute.nameProblem(" ")).isPresent();
  }
}
