package dev.cairn.engine.journey.run.camunda8;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.TimeDate;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZeebeBpmnTest {

  @ParameterizedTest
  @ValueSource(strings = {"abandoned-cart", "birthday", "welcome"})
  void a_compiled_library_journey_passes_the_clusters_own_design_time_rules(String journey) {
    BpmnModelInstance model = read(ZeebeBpmn.of(Journeys.compiled(journey)));

    List<String> errors = new ArrayList<>();
    model
        .validate(ZeebeDesignTimeValidators.VALIDATORS)
        .getResults()
        .forEach(
            (element, results) ->
                results.stream()
                    .filter(result -> result.getType() == ValidationResultType.ERROR)
                    .forEach(result -> errors.add(element + ": " + result.getMessage())));
    assertThat(errors).isEmpty();
  }

  @Test
  void every_wait_for_an_event_listens_under_the_key_the_instance_was_started_with() {
    BpmnModelInstance model = read(ZeebeBpmn.of(Journeys.compiled("welcome")));

    assertThat(model.getModelElementsByType(Message.class))
        .isNotEmpty()
        .allSatisfy(
            message ->
                assertThat(
                        message
                            .getSingleExtensionElement(ZeebeSubscription.class)
                            .getCorrelationKey())
                    .isEqualTo("=" + ZeebeBpmn.CORRELATION_KEY));
  }

  @Test
  void a_goal_listens_under_the_same_key() {
    BpmnModelInstance model = read(ZeebeBpmn.of(Journeys.compiled("abandoned-cart")));

    assertThat(model.getModelElementsByType(Message.class))
        .extracting(
            message ->
                message.getSingleExtensionElement(ZeebeSubscription.class).getCorrelationKey())
        .containsOnly("=" + ZeebeBpmn.CORRELATION_KEY);
  }

  @Test
  void a_branch_chooses_its_path_in_feel_on_the_deciding_steps_answer() {
    String compiled = Journeys.compiled("abandoned-cart");
    assertThat(compiled).contains("${path_texts_allowed == ");

    BpmnModelInstance model = read(ZeebeBpmn.of(compiled));

    assertThat(model.getModelElementsByType(ConditionExpression.class))
        .extracting(condition -> condition.getTextContent().strip())
        .isNotEmpty()
        .allSatisfy(condition -> assertThat(condition).startsWith("=path_texts_allowed = \""));
  }

  @Test
  void a_wait_until_a_moment_reads_the_moment_in_feel() {
    BpmnModelInstance model = read(ZeebeBpmn.of(Journeys.compiled("birthday")));

    assertThat(model.getModelElementsByType(TimeDate.class))
        .extracting(date -> date.getTextContent().strip())
        .isNotEmpty()
        .allSatisfy(date -> assertThat(date).matches("=date and time\\(until_[a-z0-9_]+\\)"));
  }

  @Test
  void the_journeys_end_is_told_to_cairn_by_an_end_listener() {
    BpmnModelInstance model = read(ZeebeBpmn.of(Journeys.compiled("welcome")));

    Process process = model.getModelElementsByType(Process.class).iterator().next();
    assertThat(
            process
                .getExtensionElements()
                .getElementsQuery()
                .filterByType(
                    io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners.class)
                .singleResult()
                .getExecutionListeners())
        .extracting(ZeebeExecutionListener::getType)
        .containsExactly(ZeebeBpmn.JOURNEY_ENDED);
  }

  private static BpmnModelInstance read(String xml) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
