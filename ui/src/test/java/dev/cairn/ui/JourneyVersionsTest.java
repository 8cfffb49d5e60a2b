package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.Revision;
import dev.cairn.engine.runtime.JourneyMigration;
import dev.cairn.engine.tracking.OpenIncident;
import dev.cairn.engine.tracking.JourneyTracking;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Versions on the real broker: publishing a changed diagram makes a new version, contacts inside
 * stay on theirs unless the marketer moves them, and moving takes them node for node to the new
 * version where the nodes still exist and the engine can move them.
 */
class JourneyVersionsTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired Journeys journeys;
  @Autowired JourneyMigration migration;
  @Autowired JourneyTracking tracking;
  @Autowired Contacts contacts;
  @Autowired JdbcClient jdbc;

  @Test
  void contacts_stopped_at_a_broken_step_move_to_the_fixed_version_and_the_step_runs_again_with_its_new_settings() {
    String id = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Versions " + id, null, TestJourneys.stepJourney(id, "{{ 5 | divided_by: 0 }}"));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String ada = enter(id);
    String bo = enter(id);
    await().atMost(PATIENCE).until(() -> incidents(id).size() == 2);

    assertThat(journeys.saveDiagram(id, TestJourneys.stepJourney(id, "Version two"))).isEqualTo(new Revision.Saved(id, List.of()));
    assertThat(journeys.find(id).orElseThrow().summary().unpublishedChanges()).isTrue();
    assertThat(journeys.publish(id)).isInstanceOfSatisfying(PublishResult.Published.class, published -> assertThat(published.version()).isEqualTo(2));
    assertThat(journeys.find(id).orElseThrow().summary().unpublishedChanges()).isFalse();
    assertThat(versionOf(id, ada)).as("contacts inside stay on their version").isEqualTo(1);
    assertThat(migration.preview(id).orElseThrow().older()).containsExactly(new JourneyMigration.OlderVersion(1, 2, List.of()));

    JourneyMigration.Outcome outcome = migration.moveToLatest(id);

    assertThat(outcome).isEqualTo(new JourneyMigration.Outcome(2, 2, Map.of()));
    assertThat(versionOf(id, ada)).isEqualTo(2);
    assertThat(migration.preview(id).orElseThrow().contacts()).isZero();
    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(jdbc.sql("select distinct version from enrollment where journey_id = :id").param("id", id).query(Integer.class).list())
            .containsExactly(2));
    for (String moved : List.of(ada, bo)) {
      awaitEmail(moved, "Version two");
      assertThat(awaitPath(moved, "end-two")).containsExactly("start", "thanks", "thanks", "end-two");
    }
    await().atMost(PATIENCE).until(() -> incidents(id).isEmpty());
  }

  @Test
  void without_moving_contacts_finish_the_version_they_entered() {
    String id = journey();
    String dee = enter(id);
    await().atMost(PATIENCE).until(() -> waiting(id) == 1);

    journeys.saveDiagram(id, versionTwo(id, "wait"));
    journeys.publish(id);

    assertThat(awaitPath(dee, "end")).containsExactly("start", "wait", "end");
    assertThat(emailsTo(dee)).isEmpty();
  }

  @Test
  void contacts_at_a_node_the_new_version_no_longer_has_stay_where_they_are_and_the_report_says_so() {
    String id = journey();
    String eve = enter(id);
    await().atMost(PATIENCE).until(() -> waiting(id) == 1);
    journeys.saveDiagram(id, versionTwo(id, "longer-wait"));
    journeys.publish(id);

    assertThat(migration.preview(id).orElseThrow().older()).containsExactly(new JourneyMigration.OlderVersion(1, 1, List.of("wait")));
    JourneyMigration.Outcome outcome = migration.moveToLatest(id);

    assertThat(outcome.moved()).isZero();
    assertThat(outcome.stayed()).containsExactly(Map.entry("\"wait\" is not in the new version", 1));
    assertThat(versionOf(id, eve)).isEqualTo(1);
  }

  @Test
  void contacts_at_a_wait_the_engine_cannot_move_stay_and_the_report_says_why_in_words() {
    String id = journey();
    String fay = enter(id);
    await().atMost(PATIENCE).until(() -> waiting(id) == 1);
    journeys.saveDiagram(id, versionTwo(id, "wait"));
    journeys.publish(id);

    JourneyMigration.Outcome outcome = migration.moveToLatest(id);

    assertThat(outcome.moved()).isZero();
    assertThat(outcome.stayed()).containsExactly(Map.entry(
        "the engine cannot move contacts while they are at \"wait\" (a wait); they finish on the version they are on (Zeebe 8.6 and later can move waits)", 1));
    assertThat(versionOf(id, fay)).isEqualTo(1);
  }

  @Test
  void a_file_that_is_not_a_journey_or_belongs_to_another_journey_is_refused_and_nothing_changes() {
    String id = journey();
    String before = journeys.sourceOf(id).orElseThrow();

    assertThat(journeys.saveDiagram(id, "<html>not a diagram</html>"))
        .isInstanceOfSatisfying(Revision.Refused.class, refused -> assertThat(refused.reason()).startsWith("This is not a BPMN diagram Cairn can read"));
    assertThat(journeys.saveDiagram(id, versionTwo("someone-else", "wait")))
        .isInstanceOfSatisfying(Revision.Refused.class, refused ->
            assertThat(refused.reason()).contains("process id is \"someone-else\"").contains("set the process id back to \"" + id + "\""));
    assertThat(journeys.saveDiagram(null, versionTwo(id, "wait")))
        .as("adding a journey whose id is taken")
        .isInstanceOfSatisfying(Revision.Refused.class, refused -> assertThat(refused.reason()).contains("exists"));

    assertThat(journeys.sourceOf(id)).contains(before);
    assertThat(journeys.find(id).orElseThrow().summary().unpublishedChanges()).isFalse();
  }

  private List<OpenIncident> incidents(String journeyId) {
    return tracking.openIncidents(500).stream().filter(incident -> incident.journeyId().equals(journeyId)).toList();
  }

  private String journey() {
    String id = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Versions " + id, null, TestJourneys.waitingJourney(id, ""));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    return id;
  }

  private String enter(String journeyId) {
    String user = "u-" + UUID.randomUUID();
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}".formatted(user, journeyId, user));
    await().atMost(PATIENCE).until(() -> contacts.findByUserId(user).map(c -> versionOf(journeyId, user) > 0).orElse(false));
    return user;
  }

  private int versionOf(String journeyId, String user) {
    return jdbc.sql("select coalesce(max(e.version), 0) from enrollment e join contact c on c.id = e.contact_id where c.external_id = :user and e.journey_id = :id")
        .param("user", user)
        .param("id", journeyId)
        .query(Integer.class)
        .single();
  }

  private long waiting(String journeyId) {
    return jdbc.sql("select count(*) from element_instance where bpmn_process_id = :id and element_id = 'wait' and state = 'ACTIVE'")
        .param("id", journeyId)
        .query(Long.class)
        .single();
  }


  /** Version two: the same wait (or one under a new id), then a thank-you email. */
  private static String versionTwo(String id, String waitId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Versions %1$s" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to-wait" sourceRef="start" targetRef="%2$s"/>
            <bpmn:intermediateCatchEvent id="%2$s"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="to-thanks" sourceRef="%2$s" targetRef="thanks"/>
            <bpmn:serviceTask id="thanks" name="Thanks">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email"/><zeebe:taskHeaders>
                <zeebe:header key="template" value="first-order-thanks"/><zeebe:header key="subject" value="Version two"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to-end" sourceRef="thanks" targetRef="end-two"/>
            <bpmn:endEvent id="end-two"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, waitId);
  }
}
