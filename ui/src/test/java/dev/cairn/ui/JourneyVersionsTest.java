package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.Revision;
import dev.cairn.engine.journey.run.JourneyEngine;
import dev.cairn.engine.journey.run.JourneyMigration;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.journey.track.NodeCount;
import dev.cairn.engine.journey.track.OpenIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Versions on the embedded engine: publishing a changed diagram makes a new version, contacts
 * inside stay on theirs unless the marketer moves them, and moving takes them node for node to the
 * new version where the nodes still exist, contacts at waits included.
 */
class JourneyVersionsTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired Journeys journeys;
  @Autowired JourneyMigration migration;
  @Autowired JourneyEngine engine;
  @Autowired JourneyTracking tracking;
  @Autowired Contacts contacts;
  @Autowired JdbcClient jdbc;

  @Test
  void
      contacts_stopped_at_a_broken_step_move_to_the_fixed_version_and_the_step_runs_again_with_its_new_settings() {
    String id = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(
        id, "Versions " + id, null, TestJourneys.stepJourney(id, "{{ 5 | divided_by: 0 }}"));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String ada = enter(id);
    String bo = enter(id);
    await().atMost(PATIENCE).until(() -> incidents(id).size() == 2);

    assertThat(journeys.saveDiagram(id, TestJourneys.stepJourney(id, "Version two")))
        .isEqualTo(new Revision.Saved(id, List.of()));
    assertThat(journeys.find(id).orElseThrow().summary().unpublishedChanges()).isTrue();
    assertThat(journeys.publish(id))
        .isInstanceOfSatisfying(
            PublishResult.Published.class,
            published -> assertThat(published.version()).isEqualTo(2));
    assertThat(journeys.find(id).orElseThrow().summary().unpublishedChanges()).isFalse();
    assertThat(versionOf(id, ada)).as("contacts inside stay on their version").isEqualTo(1);
    assertThat(migration.preview(id).orElseThrow().older())
        .containsExactly(new JourneyMigration.OlderVersion(1, 2, List.of()));

    JourneyMigration.Outcome outcome = migration.moveToLatest(id);

    assertThat(outcome).isEqualTo(new JourneyMigration.Outcome(2, 2, Map.of()));
    assertThat(versionOf(id, ada)).isEqualTo(2);
    assertThat(migration.preview(id).orElseThrow().contacts()).isZero();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("select distinct version from enrollment where journey_id = :id")
                            .param("id", id)
                            .query(Integer.class)
                            .list())
                    .containsExactly(2));
    for (String moved : List.of(ada, bo)) {
      awaitEmail(moved, "Version two");
      assertThat(awaitPath(moved, "end-two")).containsExactly("start", "thanks", "end-two");
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
  void
      contacts_at_a_node_the_new_version_no_longer_has_stay_where_they_are_and_the_report_says_so() {
    String id = journey();
    String eve = enter(id);
    await().atMost(PATIENCE).until(() -> waiting(id) == 1);
    journeys.saveDiagram(id, versionTwo(id, "longer-wait"));
    journeys.publish(id);

    assertThat(migration.preview(id).orElseThrow().older())
        .containsExactly(new JourneyMigration.OlderVersion(1, 1, List.of("wait")));
    JourneyMigration.Outcome outcome = migration.moveToLatest(id);

    assertThat(outcome.moved()).isZero();
    assertThat(outcome.stayed())
        .containsExactly(Map.entry("\"wait\" is not in the new version", 1));
    assertThat(versionOf(id, eve)).isEqualTo(1);
  }

  @Test
  void
      a_move_tells_how_far_it_is_and_a_second_move_of_the_same_journey_meanwhile_is_refused_and_changes_nothing() {
    String id = journey();
    List<String> waiting = List.of(enter(id), enter(id), enter(id));
    await().atMost(PATIENCE).until(() -> waiting(id) == 3);
    journeys.saveDiagram(id, versionTwo(id, "wait"));
    journeys.publish(id);
    List<JourneyMigration.MoveProgress> told = new java.util.ArrayList<>();
    List<Throwable> second = new java.util.ArrayList<>();

    JourneyMigration.Outcome outcome =
        migration.moveToLatest(
            id,
            progress -> {
              told.add(progress);
              assertThat(migration.underWay(id))
                  .as("every console sees the move under way")
                  .isPresent();
              if (second.isEmpty()) {
                try {
                  migration.moveToLatest(id);
                } catch (RuntimeException refused) {
                  second.add(refused);
                }
              }
            });

    assertThat(second).singleElement().isInstanceOf(JourneyMigration.MoveUnderWayException.class);
    assertThat(second.getFirst())
        .hasMessage(
            "Contacts of \""
                + id
                + "\" are being moved already (0 of 3 so far); wait for that move to finish, then move any that are left.");
    assertThat(told)
        .extracting(progress -> progress.done() + "/" + progress.total())
        .containsExactly("0/3", "1/3", "2/3", "3/3");
    assertThat(outcome).isEqualTo(new JourneyMigration.Outcome(2, 3, Map.of()));
    assertThat(migration.underWay(id)).isEmpty();
    for (String contact : waiting) {
      assertThat(versionOf(id, contact)).isEqualTo(2);
    }
  }

  @Test
  void
      a_move_another_cairn_has_under_way_is_not_started_twice_and_one_whose_cairn_stopped_mid_move_is_taken_over() {
    String id = journey();
    String lee = enter(id);
    await().atMost(PATIENCE).until(() -> waiting(id) == 1);
    journeys.saveDiagram(id, versionTwo(id, "wait"));
    journeys.publish(id);
    jdbc.sql(
            "insert into journey_move_run (journey_id, claim, handled, total, updated_at) values (:id, gen_random_uuid(), 40, 100, now())")
        .param("id", id)
        .update();

    assertThat(migration.underWay(id)).contains(new JourneyMigration.MoveProgress(40, 100));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> migration.moveToLatest(id))
        .isInstanceOf(JourneyMigration.MoveUnderWayException.class)
        .hasMessageContaining("being moved already (40 of 100 so far)");
    assertThat(versionOf(id, lee)).as("nothing moved").isEqualTo(1);

    jdbc.sql(
            "update journey_move_run set updated_at = now() - interval '10 minutes' where journey_id = :id")
        .param("id", id)
        .update();
    assertThat(migration.underWay(id)).as("a claim nobody touches any more is no move").isEmpty();
    assertThat(migration.moveToLatest(id)).isEqualTo(new JourneyMigration.Outcome(2, 1, Map.of()));
    assertThat(versionOf(id, lee)).isEqualTo(2);
    assertThat(
            jdbc.sql("select count(*) from journey_move_run where journey_id = :id")
                .param("id", id)
                .query(Long.class)
                .single())
        .as("the claim ends with the move")
        .isZero();
  }

  @Test
  void
      a_contact_who_finished_the_journey_before_the_engine_moved_them_is_reported_as_finished_not_as_a_refusal() {
    String id = journey();
    String kim = enter(id);
    await().atMost(PATIENCE).until(() -> waiting(id) == 1);
    long finished = instanceOf(id, kim);
    engine.cancel(finished, "finished meanwhile");
    journeys.saveDiagram(id, versionTwo(id, "wait"));
    journeys.publish(id);

    assertThat(engine.migrate(finished, id, 2, java.util.Set.of("wait")))
        .isEqualTo(new JourneyEngine.Migration.Ended());
  }

  @Test
  void contacts_at_a_wait_move_to_the_new_version_and_keep_the_moment_their_wait_ends() {
    String id = journey();
    String fay = enter(id);
    await().atMost(PATIENCE).until(() -> waiting(id) == 1);
    long before = instanceOf(id, fay);
    Instant due =
        await().atMost(PATIENCE).until(() -> dueAt(before, "wait"), java.util.Objects::nonNull);
    journeys.saveDiagram(id, versionTwo(id, "wait"));
    journeys.publish(id);

    JourneyMigration.Outcome outcome = migration.moveToLatest(id);

    assertThat(outcome).isEqualTo(new JourneyMigration.Outcome(2, 1, Map.of()));
    assertThat(versionOf(id, fay)).isEqualTo(2);
    assertThat(instanceOf(id, fay)).as("the engine moves the instance itself").isEqualTo(before);
    assertThat(dueAt(before, "wait"))
        .as("the wait ends when it would have on version 1, not a day after the move")
        .isEqualTo(due);
    ContactId contact = contacts.findByUserId(fay).orElseThrow().id();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(tracking.positions(contact))
                  .singleElement()
                  .satisfies(
                      position -> {
                        assertThat(position.version()).isEqualTo(2);
                        assertThat(position.currentElementIds()).containsExactly("wait");
                      });
              assertThat(tracking.path(contact))
                  .extracting(
                      visit -> visit.elementId() + " v" + visit.version() + " " + visit.state())
                  .containsExactly("start v1 COMPLETED", "wait v2 ACTIVE");
              assertThat(tracking.nodeCounts(id))
                  .filteredOn(count -> count.elementId().equals("wait"))
                  .as("moving is not dropping out")
                  .containsExactly(new NodeCount("wait", 1, 0, 0));
            });
    assertThat(migration.preview(id).orElseThrow().contacts()).isZero();
  }

  @Test
  void
      contacts_waiting_for_an_event_move_and_then_take_the_new_versions_path_for_the_event_or_for_the_timeout() {
    String id = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Versions " + id, null, eventWait(id, false));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String gus = enter(id);
    String hal = enter(id);
    await().atMost(PATIENCE).until(() -> activeAt(id, "gate") == 2);
    Instant halDue =
        await()
            .atMost(PATIENCE)
            .until(() -> dueAt(instanceOf(id, hal), "timeout"), java.util.Objects::nonNull);
    assertThat(journeys.saveDiagram(id, eventWait(id, true)))
        .isEqualTo(new Revision.Saved(id, List.of()));
    journeys.publish(id);

    assertThat(migration.moveToLatest(id)).isEqualTo(new JourneyMigration.Outcome(2, 2, Map.of()));
    assertThat(
            await()
                .atMost(PATIENCE)
                .until(() -> dueAt(instanceOf(id, hal), "timeout"), java.util.Objects::nonNull))
        .isEqualTo(halDue);
    await().atMost(PATIENCE).until(() -> activeAt(id, "gate") == 2);
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"Order Completed\"}".formatted(gus));

    awaitEmail(gus, "Thanks for ordering");
    awaitEmail(hal, "Still thinking?");
    assertThat(awaitPath(gus, "end")).containsExactly("start", "gate", "order", "thanks", "end");
    assertThat(awaitPath(hal, "end")).containsExactly("start", "gate", "timeout", "nudge", "end");
    assertThat(emailsTo(gus))
        .extracting(CairnIntegrationTest::subject)
        .containsExactly("Thanks for ordering");
    assertThat(emailsTo(hal))
        .extracting(CairnIntegrationTest::subject)
        .containsExactly("Still thinking?");
    assertThat(tracking.nodeCounts(id))
        .filteredOn(count -> count.elementId().equals("gate"))
        .containsExactly(new NodeCount("gate", 0, 2, 0));
  }

  @Test
  void a_file_that_is_not_a_journey_or_belongs_to_another_journey_is_refused_and_nothing_changes() {
    String id = journey();
    String before = journeys.sourceOf(id).orElseThrow();

    assertThat(journeys.saveDiagram(id, "<html>not a diagram</html>"))
        .isInstanceOfSatisfying(
            Revision.Refused.class,
            refused ->
                assertThat(refused.reason())
                    .startsWith("This is not a BPMN diagram Cairn can read"));
    assertThat(journeys.saveDiagram(id, versionTwo("someone-else", "wait")))
        .isInstanceOfSatisfying(
            Revision.Refused.class,
            refused ->
                assertThat(refused.reason())
                    .contains("process id is \"someone-else\"")
                    .contains("set the process id back to \"" + id + "\""));
    assertThat(journeys.saveDiagram(null, versionTwo(id, "wait")))
        .as("adding a journey whose id is taken")
        .isInstanceOfSatisfying(
            Revision.Refused.class, refused -> assertThat(refused.reason()).contains("exists"));

    assertThat(journeys.sourceOf(id)).contains(before);
    assertThat(journeys.find(id).orElseThrow().summary().unpublishedChanges()).isFalse();
  }

  private List<OpenIncident> incidents(String journeyId) {
    return tracking.openIncidents(500).stream()
        .filter(incident -> incident.journeyId().equals(journeyId))
        .toList();
  }

  private String journey() {
    String id = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Versions " + id, null, TestJourneys.waitingJourney(id, ""));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    return id;
  }

  private String enter(String journeyId) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}"
            .formatted(user, journeyId, user));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                contacts.findByUserId(user).map(c -> versionOf(journeyId, user) > 0).orElse(false));
    return user;
  }

  private int versionOf(String journeyId, String user) {
    return jdbc.sql(
            "select coalesce(max(e.version), 0) from enrollment e join contact c on c.id = e.contact_id where c.external_id = :user and e.journey_id = :id")
        .param("user", user)
        .param("id", journeyId)
        .query(Integer.class)
        .single();
  }

  private long waiting(String journeyId) {
    return activeAt(journeyId, "wait");
  }

  private long activeAt(String journeyId, String elementId) {
    return jdbc.sql(
            "select count(*) from element_instance where bpmn_process_id = :id and element_id = :element and state = 'ACTIVE'")
        .param("id", journeyId)
        .param("element", elementId)
        .query(Long.class)
        .single();
  }

  private long instanceOf(String journeyId, String user) {
    return jdbc.sql(
            "select e.process_instance_key from enrollment e join contact c on c.id = e.contact_id where c.external_id = :user and e.journey_id = :id")
        .param("user", user)
        .param("id", journeyId)
        .query(Long.class)
        .single();
  }

  /**
   * When the instance's timer at {@code timerId} is due, as the engine set it; null while it has
   * none.
   */
  private Instant dueAt(long processInstanceKey, String timerId) {
    return jdbc.sql(
            """
            select j.duedate_ as due_at from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
            where j.process_instance_id_ = :instance and d.act_id_ = :timer and j.type_ = 'timer'
            """)
        .param("instance", Long.toString(processInstanceKey))
        .param("timer", timerId)
        .query((rs, row) -> rs.getTimestamp("due_at").toInstant())
        .optional()
        .orElse(null);
  }

  /**
   * Wait for an order, at most 25 seconds. Version two (with {@code emails}) thanks those who
   * ordered and nudges those who did not.
   */
  private static String eventWait(String id, boolean emails) {
    String thanks = emails ? email("thanks", "Thanks for ordering") : "";
    String nudge = emails ? email("nudge", "Still thinking?") : "";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Versions %1$s" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to-gate" sourceRef="start" targetRef="gate"/>
            <bpmn:eventBasedGateway id="gate" name="Wait for an order"/>
            <bpmn:sequenceFlow id="to-order" sourceRef="gate" targetRef="order"/>
            <bpmn:intermediateCatchEvent id="order" name="Ordered"><bpmn:messageEventDefinition messageRef="order-message"/></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="to-timeout" sourceRef="gate" targetRef="timeout"/>
            <bpmn:intermediateCatchEvent id="timeout" name="25 seconds"><bpmn:timerEventDefinition><bpmn:timeDuration>PT25S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            %2$s%3$s
            <bpmn:sequenceFlow id="ordered-on" sourceRef="order" targetRef="%4$s"/>
            <bpmn:sequenceFlow id="timed-out-on" sourceRef="timeout" targetRef="%5$s"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
          <bpmn:message id="order-message" name="Order Completed"/>
        </bpmn:definitions>
        """
        .formatted(id, thanks, nudge, emails ? "thanks" : "end", emails ? "nudge" : "end");
  }

  private static String email(String id, String subject) {
    return """
        <bpmn:serviceTask id="%1$s" name="%2$s">
          <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email"/><zeebe:taskHeaders>
            <zeebe:header key="template" value="first-order-thanks"/><zeebe:header key="subject" value="%2$s"/>
          </zeebe:taskHeaders></bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:sequenceFlow id="%1$s-done" sourceRef="%1$s" targetRef="end"/>
        """
        .formatted(id, subject);
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
