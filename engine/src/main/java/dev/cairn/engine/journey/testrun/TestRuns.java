package dev.cairn.engine.journey.testrun;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.TestDeployment;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.run.AwaitedEvents;
import dev.cairn.engine.journey.run.EventVariables;
import dev.cairn.engine.journey.run.JourneyEngine;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.step.Step;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs one contact through a journey as a test: the journey's current diagram is deployed as its
 * own test-run process (waits fast-forwarded, events keyed to the run), so a draft can be tried
 * before it is published and the contact's real journeys never see it.
 */
@Service
public class TestRuns {

  private final Journeys journeys;
  private final Contacts contacts;
  private final JourneyTracking tracking;
  private final JourneyEngine engine;
  private final AwaitedEvents awaited;
  private final JdbcClient jdbc;
  private final Clock clock;

  TestRuns(
      Journeys journeys,
      Contacts contacts,
      JourneyTracking tracking,
      JourneyEngine engine,
      AwaitedEvents awaited,
      JdbcClient jdbc,
      Clock clock) {
    this.journeys = journeys;
    this.contacts = contacts;
    this.tracking = tracking;
    this.engine = engine;
    this.awaited = awaited;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Starts a test run of the journey for the contact, as if the journey's trigger event had arrived
   * with these properties.
   */
  @Transactional
  public TestRunStart start(
      String journeyId,
      ContactId contact,
      Map<String, Object> triggerProperties,
      String startedBy) {
    return start(journeyId, null, contact, triggerProperties, startedBy);
  }

  /**
   * Starts a test run of a draft of the journey (the designer's, when the journey runs already);
   * without one, of the journey's own diagram. The published version is not touched.
   */
  @Transactional
  public TestRunStart start(
      String journeyId,
      @Nullable String draftXml,
      ContactId contact,
      Map<String, Object> triggerProperties,
      String startedBy) {
    if (contacts.find(contact).isEmpty()) {
      return new TestRunStart.Rejected(
          List.of(
              new Problem(
                  null, "No contact " + contact + "; pick an existing contact to test with.")));
    }
    TestDeployment.Deployed deployed;
    switch (journeys.deployTestRun(journeyId, draftXml)) {
      case TestDeployment.Rejected rejected -> {
        return new TestRunStart.Rejected(rejected.problems());
      }
      case TestDeployment.NotFound notFound -> {
        return new TestRunStart.Rejected(
            List.of(new Problem(null, "No journey " + journeyId + ".")));
      }
      case TestDeployment.Deployed ready -> deployed = ready;
    }
    Instant now = clock.instant();
    long runId =
        jdbc.sql(
                """
                insert into journey_test_run (journey_id, contact_id, awaited_events, started_by, started_at)
                values (:journey, :contact, :awaited, :by, :now) returning id
                """)
            .param("journey", journeyId)
            .param("contact", contact.value())
            .param("awaited", deployed.awaitedEvents().stream().sorted().toArray(String[]::new))
            .param("by", startedBy)
            .param("now", Timestamp.from(now))
            .query(Long.class)
            .single();
    Map<String, Object> trigger =
        EventVariables.of(
            deployed.triggerEvent() == null ? "Test run" : deployed.triggerEvent(),
            triggerProperties,
            now);
    Map<String, Object> variables =
        Map.of(
            "contactId",
            contact.toString(),
            "trigger",
            trigger,
            Step.TEST_RUN,
            true,
            Step.TEST_RUN_KEY,
            key(runId));
    JourneyEngine.Started instance =
        engine.start(deployed.processId(), deployed.version(), key(runId), variables);
    jdbc.sql("update journey_test_run set process_instance_key = :key where id = :id")
        .param("key", instance.processInstanceKey())
        .param("id", runId)
        .update();
    return new TestRunStart.Started(runId);
  }

  @Transactional(readOnly = true)
  public Optional<TestRun> find(long runId) {
    return jdbc.sql(
            "select * from journey_test_run where id = :id and process_instance_key is not null")
        .param("id", runId)
        .query(
            (rs, row) -> {
              long instance = rs.getLong("process_instance_key");
              return new TestRun(
                  rs.getLong("id"),
                  rs.getString("journey_id"),
                  new ContactId(rs.getObject("contact_id", UUID.class)),
                  instance,
                  rs.getString("started_by"),
                  rs.getTimestamp("started_at").toInstant(),
                  tracking.endOf(instance).orElse(null),
                  new LinkedHashSet<>(
                      Arrays.asList((String[]) rs.getArray("awaited_events").getArray())),
                  tracking.pathOf(instance));
            })
        .optional();
  }

  /**
   * Sends an event into a running test run on the contact's behalf (it reaches only the test run,
   * and is not stored with the contact's events); false when the run is over or the journey never
   * waits for that event. An event sent while the run is still before its wait is kept for it.
   */
  @Transactional
  public boolean sendEvent(long runId, String eventName, Map<String, Object> properties) {
    Optional<TestRun> run = find(runId);
    if (run.isEmpty() || !run.get().running() || !run.get().awaitedEvents().contains(eventName)) {
      return false;
    }
    Map<String, Object> lastEvent = EventVariables.of(eventName, properties, clock.instant());
    if (engine.correlate(eventName, key(runId), Map.of("lastEvent", lastEvent)) == 0) {
      awaited.keep(null, eventName, key(runId), lastEvent);
    }
    return true;
  }

  private static String key(long runId) {
    return "test-run:" + runId;
  }
}
