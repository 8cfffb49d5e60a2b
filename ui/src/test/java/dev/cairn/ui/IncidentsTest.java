package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.run.IncidentRetry;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.journey.track.OpenIncident;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A step that stops shows as an incident with the engine's reason; Retry makes the engine try
 * again.
 */
class IncidentsTest extends CairnIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired Journeys journeys;
  @Autowired JourneyTracking tracking;
  @Autowired IncidentRetry retry;
  @Autowired JdbcClient jdbc;

  @Test
  void a_path_that_cannot_be_chosen_is_an_incident_and_retrying_tries_again() {
    String id = "incident-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(id, "Stuck on purpose", null, TestJourneys.stuckJourney(id));
    assertThat(journeys.publish(id)).isInstanceOf(PublishResult.Published.class);

    post("/v1/track", "{\"userId\":\"u-%s\",\"event\":\"%s\"}".formatted(UUID.randomUUID(), id));

    OpenIncident incident =
        await().atMost(PATIENCE).until(() -> incidentOf(id), found -> found != null);
    assertThat(incident.elementId()).isEqualTo("choose");
    assertThat(incident.contactName()).isNotNull();
    assertThat(incident.errorMessage()).isNotBlank();

    assertThat(retry.retry(incident)).isTrue();

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql("select state from incident where incident_key = :key")
                    .param("key", incident.incidentKey())
                    .query(String.class)
                    .single(),
            state -> state.equals("RESOLVED"));
    // Nothing changed, so the engine stops again with a fresh incident.
    OpenIncident again =
        await()
            .atMost(PATIENCE)
            .until(
                () -> incidentOf(id),
                found -> found != null && found.incidentKey() != incident.incidentKey());
    assertThat(again.elementId()).isEqualTo("choose");
  }

  private OpenIncident incidentOf(String journey) {
    List<OpenIncident> open =
        tracking.openIncidents(1000).stream().filter(i -> i.journeyId().equals(journey)).toList();
    return open.isEmpty() ? null : open.getLast();
  }
}
