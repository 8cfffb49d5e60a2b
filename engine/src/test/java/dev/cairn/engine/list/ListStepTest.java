package dev.cairn.engine.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepResult;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What publishing says about an "add to list / remove from list" step, and what a test run of it
 * does.
 */
class ListStepTest {

  private static final Set<String> LISTS = Set.of("newsletter");

  @Test
  void a_known_list_with_add_or_remove_has_no_problems() {
    assertThat(
            ListStepHeaders.problems(
                Map.of("list", "newsletter", "action", "add"), LISTS::contains))
        .isEmpty();
    assertThat(
            ListStepHeaders.problems(
                Map.of("list", "newsletter", "action", "remove"), LISTS::contains))
        .isEmpty();
  }

  @Test
  void an_unknown_list_is_named_and_the_marketer_told_where_lists_are_made() {
    assertThat(
            ListStepHeaders.problems(Map.of("list", "newsleter", "action", "add"), LISTS::contains))
        .containsExactly(
            "the list \"newsleter\" does not exist; create it under Lists first, or pick one that does.");
  }

  @Test
  void an_action_other_than_add_or_remove_is_refused_with_the_two_that_work() {
    assertThat(
            ListStepHeaders.problems(
                Map.of("list", "newsletter", "action", "subscribe"), LISTS::contains))
        .containsExactly(
            "\"subscribe\" is not something this step can do with a list; use add or remove.");
  }

  @Test
  void a_test_run_changes_no_list() {
    // No lists at all behind the step: touching them would fail the test.
    ListStep step = new ListStep(null);
    Step job =
        new Step(
            1L,
            new ContactId(UUID.randomUUID()),
            "welcome",
            1,
            2L,
            "join",
            Map.of("list", "newsletter", "action", "add"),
            Map.of(Step.TEST_RUN, true),
            3);

    assertThat(step.perform(job)).isEqualTo(StepResult.Completed.empty());
  }
}
