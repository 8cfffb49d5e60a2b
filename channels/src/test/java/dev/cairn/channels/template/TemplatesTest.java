package dev.cairn.channels.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  private final Templates templates = new Templates();

  @Test
  void merge_tags_use_the_contact_and_the_event_that_started_the_journey() {
    Map<String, Object> fields =
        MergeFields.of(contact("Ann"), Map.of("trigger", Map.of("event", "Signed Up", "properties", Map.of("plan", "Pro"))));

    assertThat(templates.render("greeting", fields)).contains("Hello Ann, enjoy Pro!");
  }

  @Test
  void a_missing_first_name_falls_back_to_the_default() {
    Map<String, Object> fields = MergeFields.of(contact(null), Map.of());

    assertThat(templates.render("greeting", fields)).contains("Hello there!");
  }

  @Test
  void a_template_that_does_not_exist_names_the_file_to_add() {
    assertThatThrownBy(() -> templates.render("nope", Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageContaining("cairn/templates/nope.liquid");
  }

  @Test
  void a_broken_template_is_reported_with_its_name() {
    assertThatThrownBy(() -> templates.render("broken", Map.of()))
        .isInstanceOf(TemplateProblem.class)
        .hasMessageStartingWith("Template \"broken\"");
  }

  private static ContactProfile contact(String firstName) {
    return new ContactProfile(
        new ContactId(UUID.randomUUID()), "u-1", null, "ann@example.com", null, firstName, null, Map.of(), Instant.EPOCH, Instant.EPOCH, null);
  }
}
