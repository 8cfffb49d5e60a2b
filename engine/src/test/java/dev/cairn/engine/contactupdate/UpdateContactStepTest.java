package dev.cairn.engine.contactupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What publishing says about an update-contact step's settings, before any contact reaches it. */
class UpdateContactStepTest {

  private final UpdateContactStep step = new UpdateContactStep(null, null, null);

  @Test
  void email_and_sms_consent_can_be_set_to_subscribed_unsubscribed_or_pending() {
    assertThat(
            step.problems(
                Map.of("attribute", "email_consent", "value", "unsubscribed", "source", "sunset")))
        .isEmpty();
    assertThat(step.problems(Map.of("attribute", "sms_consent", "value", "pending"))).isEmpty();
  }

  @Test
  void a_consent_that_is_not_one_of_the_three_is_refused_with_the_ones_to_use() {
    assertThat(step.problems(Map.of("attribute", "email_consent", "value", "maybe")))
        .containsExactly(
            "\"maybe\" is not a consent email_consent can be set to; use subscribed, unsubscribed or pending.");
  }

  @Test
  void attributes_a_journey_may_not_set_are_refused_and_the_settable_ones_named() {
    assertThat(step.problems(Map.of("attribute", "email", "value", "x@example.com")))
        .singleElement()
        .asString()
        .startsWith("\"email\" cannot be set by a journey; use one of ")
        .endsWith("trait:<name>, tag, untag, email_consent or sms_consent.");
  }
}
