package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.journey.JourneyStatus;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.run.JourneyStop;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Pausing keeps new contacts out; stopping takes everyone out with a reason. */
class JourneyLifecycleTest extends CairnIntegrationTest {

  @Autowired Journeys journeys;
  @Autowired JourneyStop stopper;
  @Autowired Contacts contacts;
  @Autowired EventFeed feed;
  @Autowired JdbcClient jdbc;

  @Test
  void a_paused_journey_takes_no_new_contacts_and_a_stopped_one_takes_everyone_out() {
    String id = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Lifecycle", null, TestJourneys.waitingJourney(id, ""));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
    String first = enter(id);

    assertThat(journeys.setPaused(id, true)).isEqualTo(JourneyStatus.PAUSED);
    String whilePaused = enter(id);
    assertThat(journeys.setPaused(id, false)).isEqualTo(JourneyStatus.PUBLISHED);
    String afterResume = enter(id);

    assertThat(enrollments(id, first)).isEqualTo(1);
    assertThat(enrollments(id, whilePaused)).isZero();
    assertThat(enrollments(id, afterResume)).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> active(id) == 2);

    int out = stopper.stop(id, "Offer withdrawn");

    assertThat(out).isEqualTo(2);
    assertThat(journeys.find(id).orElseThrow().summary().status()).isEqualTo(JourneyStatus.STOPPED);
    assertThat(
            jdbc.sql("select distinct exit_reason from enrollment where journey_id = :id")
                .param("id", id)
                .query(String.class)
                .list())
        .containsExactly("Offer withdrawn");
    await().atMost(Duration.ofSeconds(30)).until(() -> active(id) == 0);
    String afterStop = enter(id);
    assertThat(enrollments(id, afterStop)).isZero();
  }

  @Test
  void stopping_without_a_reason_is_refused_and_changes_nothing() {
    String id = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Lifecycle", null, TestJourneys.waitingJourney(id, ""));
    journeys.publish(id);

    assertThatThrownBy(() -> stopper.stop(id, " ")).hasMessageContaining("Say why");
    assertThat(journeys.find(id).orElseThrow().summary().status())
        .isEqualTo(JourneyStatus.PUBLISHED);
    assertThatThrownBy(() -> journeys.setPaused("welcome-no-such", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private String enter(String journey) {
    String user = "u-" + UUID.randomUUID();
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, journey));
    await().atMost(Duration.ofSeconds(60)).until(() -> feed.pendingCount() == 0);
    return user;
  }

  private long enrollments(String journey, String user) {
    return jdbc.sql(
            "select count(*) from enrollment where journey_id = :id and contact_id = :contact")
        .param("id", journey)
        .param("contact", contacts.findByUserId(user).orElseThrow().id().value())
        .query(Long.class)
        .single();
  }

  private long active(String journey) {
    return jdbc.sql(
            "select count(*) from element_instance where bpmn_process_id = :id and element_type = 'PROCESS' and state = 'ACTIVE'")
        .param("id", journey)
        .query(Long.class)
        .single();
  }
}
