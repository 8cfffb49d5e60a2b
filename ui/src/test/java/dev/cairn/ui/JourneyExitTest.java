package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Exits: a contact who unsubscribes leaves the journey wherever they are, not as a conversion. */
class JourneyExitTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired Consents consents;
  @Autowired JourneyTracking tracking;

  @Test
  void a_contact_who_unsubscribes_from_email_leaves_the_journey_at_once_and_the_others_stay() {
    String id = "exit-" + UUID.randomUUID().toString().substring(0, 8);
    String xml =
        TestJourneys.waitingJourney(id, "")
            .replace(
                "isExecutable=\"true\">",
                "isExecutable=\"true\"><bpmn:extensionElements><zeebe:properties>"
                    + TestJourneys.property("cairn:exit-on", "Email Unsubscribed, SMS Unsubscribed")
                    + "</zeebe:properties></bpmn:extensionElements>");
    journeys.addIfAbsent(id, "Exit " + id, null, xml);
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    ContactId leaving = enter(id);
    ContactId staying = enter(id);
    await().atMost(PATIENCE).until(() -> at(leaving, "wait") && at(staying, "wait"));

    consents.record(leaving, ConsentChannel.EMAIL, ConsentStatus.UNSUBSCRIBED, "unsubscribe link");

    List<String> path =
        await()
            .atMost(PATIENCE)
            .until(() -> elements(leaving), visited -> visited.contains("exited-1"));
    assertThat(path).containsExactly("start", "wait", "cairn-exit-1", "exit-event-1", "exited-1");
    assertThat(at(staying, "wait")).isTrue();
    assertThat(elements(staying)).doesNotContain("exited-1", "exited-2");
  }

  @Test
  void the_event_that_enters_a_contact_is_not_also_the_goal_they_then_wait_for() {
    String id = "reorder-" + UUID.randomUUID().toString().substring(0, 8);
    String xml =
        TestJourneys.waitingJourney(id, "")
            .replace(
                "isExecutable=\"true\">",
                "isExecutable=\"true\"><bpmn:extensionElements><zeebe:properties>"
                    + TestJourneys.property("cairn:goal-event", id)
                    + "</zeebe:properties></bpmn:extensionElements>");
    journeys.addIfAbsent(id, "Reorder " + id, null, xml);
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);

    ContactId buyer = enter(id);
    await().atMost(PATIENCE).until(() -> at(buyer, "wait"));
    assertThat(elements(buyer)).doesNotContain("goal-converted");

    String user = contacts.find(buyer).orElseThrow().externalId();
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, id));
    assertThat(
            await()
                .atMost(PATIENCE)
                .until(() -> elements(buyer), visited -> visited.contains("goal-converted")))
        .containsSubsequence("start", "wait", "goal-converted");
  }

  private ContactId enter(String journeyId) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}"
            .formatted(user, journeyId, user));
    return await()
        .atMost(PATIENCE)
        .until(
            () -> contacts.findByUserId(user).map(found -> found.id()).orElse(null),
            found -> found != null);
  }

  private boolean at(ContactId contact, String element) {
    return tracking.path(contact).stream()
        .anyMatch(visit -> visit.elementId().equals(element) && visit.leftAt() == null);
  }

  private List<String> elements(ContactId contact) {
    return tracking.path(contact).stream().map(ElementVisit::elementId).toList();
  }
}
