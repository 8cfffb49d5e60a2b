package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored events reach journeys in batches, each contact's in order. An event that cannot be handled
 * for a reason other than an outage is set aside with that reason, and neither the rest of its
 * batch nor its contact's later events wait for it.
 */
class EventDispatchTest extends CairnIntegrationTest {

  @Autowired Journeys journeys;
  @Autowired JdbcClient jdbc;

  @Test
  void an_event_that_cannot_be_handled_is_set_aside_and_the_others_are_handled() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String broken = "broken-" + run;
    String working = "working-" + run;
    publish(broken);
    publish(working);
    // The broken journey's stored trigger filter no longer reads, so an event it starts on cannot
    // be handled.
    jdbc.sql(
            "update journey set trigger_filter = '[\"not\", \"a\", \"filter\"]'::jsonb where id = :id")
        .param("id", broken)
        .update();
    try {
      List<String> users = IntStream.range(0, 12).mapToObj(i -> "u-" + run + "-" + i).toList();
      List<String> calls = new ArrayList<>();
      calls.add(track(users.getFirst(), broken));
      users.forEach(user -> calls.add(track(user, working)));
      var answer = post("/v1/batch", "{\"batch\":[" + String.join(",", calls) + "]}");
      assertThat(answer.body()).contains("\"stored\":13");

      await().atMost(Duration.ofSeconds(90)).until(() -> pending(run) == 0);

      Map<String, String> errors = errorsByEvent(run);
      assertThat(errors).containsOnlyKeys(broken);
      assertThat(errors.get(broken)).contains("Could not deserialize");
      // Every contact entered the working journey, the first one too, although its earlier event
      // was set aside.
      await().atMost(Duration.ofSeconds(90)).until(() -> entered(working) == users.size());
    } finally {
      jdbc.sql("update journey set trigger_filter = '{}'::jsonb where id = :id")
          .param("id", broken)
          .update();
    }
  }

  private void publish(String id) {
    journeys.addIfAbsent(id, id, null, TestJourneys.waitingJourney(id, ""));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);
  }

  private static String track(String user, String event) {
    return "{\"type\":\"track\",\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, event);
  }

  private long pending(String run) {
    return jdbc.sql(
            "select count(*) from contact_event where name like :names and processed_at is null")
        .param("names", "%-" + run)
        .query(Long.class)
        .single();
  }

  private Map<String, String> errorsByEvent(String run) {
    return jdbc
        .sql(
            "select name, processing_error from contact_event where name like :names and processing_error is not null")
        .param("names", "%-" + run)
        .query((rs, row) -> Map.entry(rs.getString("name"), rs.getString("processing_error")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private long entered(String journeyId) {
    return jdbc.sql("select count(distinct contact_id) from enrollment where journey_id = :id")
        .param("id", journeyId)
        .query(Long.class)
        .single();
  }
}
