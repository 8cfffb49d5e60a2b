package dev.cairn.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class DiagramCopyTest {

  @Test
  void a_copy_is_the_same_journey_under_its_new_id_and_name() throws Exception {
    String original =
        new ClassPathResource("cairn/journeys/abandoned-cart.bpmn")
            .getContentAsString(StandardCharsets.UTF_8);
    String copy = DiagramCopy.copy(original, "cart-copy", "Cart copy");
    assertThat(copy)
        .contains("<bpmn:process id=\"cart-copy\"")
        .contains("name=\"Cart copy\"")
        .contains("bpmnElement=\"cart-copy\"")
        .contains("cairn:trigger-event")
        .contains("cart-reminder")
        .doesNotContain("id=\"abandoned-cart\"");
  }

  @Test
  void a_blank_journey_has_its_id_and_name_and_nothing_else() {
    String blank = DiagramCopy.blank("spring-sale", "Spring <sale>");
    assertThat(blank)
        .contains("<bpmn:process id=\"spring-sale\" name=\"Spring &lt;sale>\"")
        .contains("bpmnElement=\"spring-sale\"");
  }

  @Test
  void an_id_is_made_from_the_name_and_never_taken_twice() {
    assertThat(DiagramCopy.idFor("Abandoned cart (EU)", id -> false))
        .isEqualTo("abandoned-cart-eu");
    assertThat(DiagramCopy.idFor("Welcome", Set.of("welcome", "welcome-2")::contains))
        .isEqualTo("welcome-3");
    assertThat(DiagramCopy.idFor("2026 sale", id -> false)).isEqualTo("journey-2026-sale");
    assertThat(DiagramCopy.idFor("Été", id -> false)).isEqualTo("ete");
  }
}
