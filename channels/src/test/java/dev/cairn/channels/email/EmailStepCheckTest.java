package dev.cairn.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.channels.template.Templates;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A "send email" step is checked before its journey is published; templates come from the test
 * classpath.
 */
class EmailStepCheckTest {

  private final EmailStepCheck check = new EmailStepCheck(Templates.shippedOnly());

  @Test
  void an_existing_template_and_a_plain_subject_have_no_problems() {
    assertThat(
            check.problems(
                Map.of(
                    "template",
                    "greeting",
                    "subject",
                    "Hi {{ contact.first_name | default: \"there\" }}")))
        .isEmpty();
  }

  @Test
  void a_template_that_does_not_exist_is_reported_with_the_ones_to_pick_from() {
    assertThat(check.problems(Map.of("template", "greting", "subject", "Hi")))
        .containsExactly("the template \"greting\" does not exist; pick one of: broken, greeting.");
  }

  @Test
  void a_template_that_does_not_parse_is_reported_with_where_and_why() {
    assertThat(check.problems(Map.of("template", "broken", "subject", "Hi")))
        .containsExactly(
            "the template \"broken\" has a Liquid error at line 2, column 1: mismatched input '<EOF>' expecting TagStart (is an {% endif %},"
                + " {% endfor %} or }} missing?)");
  }

  @Test
  void a_subject_that_does_not_parse_is_reported_with_where_and_why() {
    assertThat(
            check.problems(Map.of("template", "greeting", "subject", "Hi {{ contact.first_name ")))
        .containsExactly(
            "the subject has a Liquid error at line 1, column 26: no viable alternative at input '{{ contact.first_name '.");
  }

  @Test
  void a_subject_with_a_filter_liquid_does_not_have_is_reported() {
    assertThat(
            check.problems(
                Map.of("template", "greeting", "subject", "Hi {{ contact.first_name | shout }}")))
        .containsExactly(
            "the subject has a Liquid error at line 1, column 26: no filter available named: |shout.");
  }

  @Test
  void a_broken_template_and_a_broken_subject_are_both_reported() {
    assertThat(check.problems(Map.of("template", "broken", "subject", "{% if %}"))).hasSize(2);
  }
}
