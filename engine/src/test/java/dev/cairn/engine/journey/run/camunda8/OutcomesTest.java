package dev.cairn.engine.journey.run.camunda8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.journey.run.JourneyEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  @Test
  void a_refused_deployment_names_the_elements_the_cluster_names() {
    String message =
        """
        Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:
        'welcome.bpmn': - Element: send-welcome
            - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element
        - Element: choose
            - ERROR: failed to parse expression '=path_choose = ': unexpected end
        """;

    assertThat(Outcomes.deployRefusals(message))
        .containsExactly(
            new JourneyEngine.Refusal(
                null, "Must have exactly one 'zeebe:taskDefinition' extension element"),
            new JourneyEngine.Refusal(
                "choose", "failed to parse expression '=path_choose = ': unexpected end"));
  }

  @Test
  void a_refused_deployment_in_words_the_cluster_did_not_list_keeps_them_whole() {
    assertThat(Outcomes.deployRefusals("resource is too large"))
        .containsExactly(new JourneyEngine.Refusal(null, "resource is too large"));
  }

  @Test
  void a_failed_attempt_takes_one_retry_and_the_last_stops_the_step() {
    assertThat(Outcomes.retriesAfterFailure(3)).isEqualTo(2);
    assertThat(Outcomes.retriesAfterFailure(1)).isZero();
    assertThat(Outcomes.retriesAfterFailure(0)).isZero();
  }

  @Test
  void an_instance_starts_with_the_key_its_waits_listen_under_which_steps_do_not_see() {
    Map<String, Object> started =
        Outcomes.startVariables("welcome|c-1", Map.of("contactId", "c-1"));

    assertThat(started)
        .containsEntry(ZeebeBpmn.CORRELATION_KEY, "welcome|c-1")
        .containsEntry("contactId", "c-1");
    assertThat(Outcomes.withoutCairnVariables(started)).containsOnlyKeys("contactId");
  }
}
