package dev.cairn.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.ContactId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StepTest {

  @Test
  void a_variable_set_to_nothing_is_as_if_never_set() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("contactId", "c-1");
    variables.put(
        "cairnResumeAt_wait", null); // what a wait leaves once it has used a moved contact's moment

    Step step =
        new Step(
            1,
            new ContactId(UUID.randomUUID()),
            "welcome",
            2,
            3,
            "mail",
            Map.of("template", "welcome"),
            variables,
            5);

    assertThat(step.variables()).containsExactly(Map.entry("contactId", "c-1"));
  }
}
