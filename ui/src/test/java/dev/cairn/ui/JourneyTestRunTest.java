package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.delivery.MessageView;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.JourneyStatus;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.testrun.TestRun;
import dev.cairn.engine.journey.testrun.TestRunStart;
import dev.cairn.engine.journey.testrun.TestRuns;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test runs on the embedded engine: a draft journey with a three-day wait runs for one contact in
 * seconds, its messages are rendered and shown but never sent, and the contact's real journeys and
 * the journey's own counts are untouched.
 */
class JourneyTestRunTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired Journeys journeys;
  @Autowired TestRuns testRuns;
  @Autowired Contacts contacts;
  @Autowired Deliveries deliveries;
  @Autowired JourneyTracking tracking;
  @Autowired JdbcClient jdbc;

  @Test
  void a_test_run_fast_forwards_every_wait_and_shows_the_messages_without_sending_them() {
    String journey = draft(trialJourney("Welcome {{ contact.first_name }}"));
    String user = contact("Tess");
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();

    long run = started(testRuns.start(journey, contact, Map.of("plan", "Pro"), "marketer"));
    TestRun finished =
        await()
            .atMost(PATIENCE)
            .until(() -> testRuns.find(run).orElseThrow(), done -> !done.running());

    assertThat(finished.steps())
        .extracting(ElementVisit::elementId)
        .containsExactly(
            "start", "welcome-email", "wait-for-order", "three-days", "nudge-email", "end");
    List<MessageView> wouldSend = deliveries.forJourneyInstance(finished.processInstanceKey());
    assertThat(wouldSend)
        .extracting(MessageView::subject)
        .containsExactly("Welcome Tess", "Still thinking it over?");
    assertThat(wouldSend).extracting(MessageView::status).containsOnly(MessageStatus.TEST);
    assertThat(wouldSend.getFirst().bodyHtml()).contains("Tess");
    assertThat(emailsTo(user)).isEmpty();
    assertThat(tracking.positions(contact)).isEmpty();
    assertThat(tracking.nodeCounts(journey)).isEmpty();
    assertThat(journeys.find(journey).orElseThrow().summary().status())
        .isEqualTo(JourneyStatus.DRAFT);
  }

  @Test
  void a_test_run_of_a_draft_runs_the_draft_and_leaves_the_published_version_as_it_is() {
    String journey = draft(trialJourney("Published welcome"));
    assertThat(journeys.publish(journey))
        .isInstanceOf(dev.cairn.engine.journey.PublishResult.Published.class);
    String published = journeys.sourceOf(journey).orElseThrow();
    ContactId contact = contacts.findByUserId(contact("Dora")).orElseThrow().id();

    String draft = trialJourney("Draft welcome").replace("JOURNEY_ID", journey);
    long run = started(testRuns.start(journey, draft, contact, Map.of(), "marketer"));

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                !deliveries
                    .forJourneyInstance(testRuns.find(run).orElseThrow().processInstanceKey())
                    .isEmpty());
    assertThat(
            deliveries
                .forJourneyInstance(testRuns.find(run).orElseThrow().processInstanceKey())
                .getFirst()
                .subject())
        .isEqualTo("Draft welcome");
    assertThat(journeys.sourceOf(journey)).contains(published);
    assertThat(journeys.find(journey).orElseThrow().summary().latestVersion()).isEqualTo(1);
    assertThat(journeys.find(journey).orElseThrow().summary().status())
        .isEqualTo(JourneyStatus.PUBLISHED);
    assertThat(tracking.nodeCounts(journey)).isEmpty();
  }

  @Test
  void an_event_sent_during_a_test_run_takes_the_path_that_waits_for_it() {
    String journey = draft(trialJourney("Hello"));
    ContactId contact = contacts.findByUserId(contact("Ole")).orElseThrow().id();
    long run = started(testRuns.start(journey, contact, Map.of(), "marketer"));
    await().atMost(PATIENCE).until(() -> at(run, "wait-for-order"));

    assertThat(testRuns.sendEvent(run, "Order Completed", Map.of("revenue", 20))).isTrue();

    TestRun finished =
        await()
            .atMost(PATIENCE)
            .until(() -> testRuns.find(run).orElseThrow(), done -> !done.running());
    assertThat(finished.steps())
        .extracting(ElementVisit::elementId)
        .containsExactly(
            "start", "welcome-email", "wait-for-order", "ordered", "thanks-email", "end-ordered");
    assertThat(deliveries.forJourneyInstance(finished.processInstanceKey()))
        .extracting(MessageView::subject)
        .containsExactly("Hello", "Thanks for your order");
    assertThat(testRuns.sendEvent(run, "Order Completed", Map.of()))
        .as("the run is over")
        .isFalse();
  }

  @Test
  void a_journey_with_a_problem_starts_no_test_run_and_says_what_to_fix() {
    String journey =
        draft(trialJourney("Hi").replace("value=\"welcome\"", "value=\"no-such-template\""));
    ContactId contact = contacts.findByUserId(contact("Pia")).orElseThrow().id();
    long before = runsOf(journey);

    TestRunStart result = testRuns.start(journey, contact, Map.of(), "marketer");

    assertThat(result)
        .isInstanceOfSatisfying(
            TestRunStart.Rejected.class,
            rejected ->
                assertThat(rejected.problems())
                    .anySatisfy(
                        problem -> {
                          assertThat(problem.elementId()).isEqualTo("welcome-email");
                          assertThat(problem.message()).contains("no-such-template");
                        }));
    assertThat(runsOf(journey)).isEqualTo(before);
  }

  @Test
  void a_test_run_for_a_contact_that_does_not_exist_is_refused() {
    String journey = draft(trialJourney("Hi"));

    TestRunStart result =
        testRuns.start(journey, new ContactId(UUID.randomUUID()), Map.of(), "marketer");

    assertThat(result)
        .isInstanceOfSatisfying(
            TestRunStart.Rejected.class,
            rejected ->
                assertThat(rejected.problems())
                    .singleElement()
                    .satisfies(
                        problem ->
                            assertThat(problem.message()).contains("pick an existing contact")));
  }

  private boolean at(long run, String elementId) {
    return testRuns.find(run).orElseThrow().steps().stream()
        .anyMatch(visit -> visit.elementId().equals(elementId) && visit.leftAt() == null);
  }

  private long runsOf(String journey) {
    return jdbc.sql("select count(*) from journey_test_run where journey_id = :id")
        .param("id", journey)
        .query(Long.class)
        .single();
  }

  private static long started(TestRunStart start) {
    assertThat(start).isInstanceOf(TestRunStart.Started.class);
    return ((TestRunStart.Started) start).runId();
  }

  private String draft(String xmlWithId) {
    String id = "trial-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Trial " + id, null, xmlWithId.replace("JOURNEY_ID", id));
    return id;
  }

  private String contact(String firstName) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\"}}"
            .formatted(user, user, firstName));
    await().atMost(PATIENCE).until(() -> contacts.findByUserId(user).isPresent());
    return user;
  }

  /** Welcome email, then three days for a first order: thanks if it comes, a nudge if not. */
  private static String trialJourney(String welcomeSubject) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-JOURNEY_ID" targetNamespace="t">
          <bpmn:process id="JOURNEY_ID" name="Trial" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="Trial Started"/></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="welcome-email"/>
            <bpmn:serviceTask id="welcome-email" name="Welcome">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email"/><zeebe:taskHeaders>
                <zeebe:header key="template" value="welcome"/><zeebe:header key="subject" value="SUBJECT"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="welcome-email" targetRef="wait-for-order"/>
            <bpmn:eventBasedGateway id="wait-for-order" name="Wait for the first order"/>
            <bpmn:sequenceFlow id="f3" sourceRef="wait-for-order" targetRef="ordered"/>
            <bpmn:sequenceFlow id="f4" sourceRef="wait-for-order" targetRef="three-days"/>
            <bpmn:intermediateCatchEvent id="ordered" name="Ordered"><bpmn:messageEventDefinition messageRef="order"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="three-days" name="3 days"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f5" sourceRef="ordered" targetRef="thanks-email"/>
            <bpmn:serviceTask id="thanks-email" name="Thanks">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email"/><zeebe:taskHeaders>
                <zeebe:header key="template" value="first-order-thanks"/><zeebe:header key="subject" value="Thanks for your order"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f6" sourceRef="thanks-email" targetRef="end-ordered"/>
            <bpmn:endEvent id="end-ordered"/>
            <bpmn:sequenceFlow id="f7" sourceRef="three-days" targetRef="nudge-email"/>
            <bpmn:serviceTask id="nudge-email" name="Nudge">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.email"/><zeebe:taskHeaders>
                <zeebe:header key="template" value="first-order-nudge"/><zeebe:header key="subject" value="Still thinking it over?"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f8" sourceRef="nudge-email" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
          <bpmn:message id="order" name="Order Completed"/>
        </bpmn:definitions>
        """
        .replace("SUBJECT", welcomeSubject);
  }
}
