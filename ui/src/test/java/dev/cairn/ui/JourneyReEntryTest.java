package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Re-entry rules on the embedded engine: once ever, every time, and a minimum gap. */
class JourneyReEntryTest extends CairnIntegrationTest {

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired EventFeed feed;
  @Autowired JdbcClient jdbc;

  @Test
  void a_once_journey_is_entered_once_however_often_its_trigger_happens() {
    assertThat(entriesAfterThreeTriggers("once", null)).isEqualTo(1);
  }

  @Test
  void an_every_time_journey_is_entered_on_every_trigger() {
    assertThat(entriesAfterThreeTriggers("every-time", null)).isEqualTo(3);
  }

  @Test
  void a_minimum_gap_holds_back_entries_that_come_too_soon() {
    assertThat(entriesAfterThreeTriggers("every-time", "PT1H")).isEqualTo(1);
  }

  @Test
  void a_trigger_filter_starts_the_journey_only_for_events_with_those_property_values() {
    String id = "filtered-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(
        id,
        "Pro only",
        null,
        TestJourneys.waitingJourney(id, TestJourneys.property("cairn:trigger-where", "plan=Pro")));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String free = "u-" + UUID.randomUUID();
    String pro = "u-" + UUID.randomUUID();

    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"%s\",\"properties\":{\"plan\":\"Free\"}}"
            .formatted(free, id));
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"%s\",\"properties\":{\"plan\":\"Pro\"}}"
            .formatted(pro, id));
    await().atMost(Duration.ofSeconds(60)).until(() -> feed.pendingCount() == 0);

    assertThat(enrollments(id, free)).isZero();
    assertThat(enrollments(id, pro)).isEqualTo(1);
  }

  private long enrollments(String journey, String user) {
    return jdbc.sql(
            "select count(*) from enrollment where journey_id = :id and contact_id = :contact")
        .param("id", journey)
        .param("contact", contacts.findByUserId(user).orElseThrow().id().value())
        .query(Long.class)
        .single();
  }

  @Test
  void an_unknown_re_entry_rule_is_refused_when_publishing() {
    String id = "reentry-bad";
    journeys.addIfAbsent(id, "Bad re-entry", null, journey(id, "sometimes", null));

    PublishResult result = journeys.publish(id);

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(((PublishResult.Rejected) result).problems().toString())
        .contains("Re-entry \"sometimes\" is not one of once, one-at-a-time or every-time.");
  }

  private long entriesAfterThreeTriggers(String reEntry, String gap) {
    String id = "reentry-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Re-entry " + reEntry, null, journey(id, reEntry, gap));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String user = "u-" + UUID.randomUUID();

    for (int i = 0; i < 3; i++) {
      assertThat(
              post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, id))
                  .statusCode())
          .isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> feed.pendingCount() == 0);
    return jdbc.sql(
            "select count(*) from enrollment where journey_id = :id and contact_id = :contact")
        .param("id", id)
        .param("contact", contacts.findByUserId(user).orElseThrow().id().value())
        .query(Long.class)
        .single();
  }

  private static String journey(String id, String reEntry, String gap) {
    return TestJourneys.waitingJourney(
        id,
        TestJourneys.property("cairn:re-entry", reEntry)
            + (gap == null ? "" : TestJourneys.property("cairn:re-entry-gap", gap)));
  }
}
