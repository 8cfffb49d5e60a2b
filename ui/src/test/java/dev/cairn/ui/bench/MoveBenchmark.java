package dev.cairn.ui.bench;

import static org.awaitility.Awaitility.await;

import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.run.JourneyMigration;
import dev.cairn.ui.CairnIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prints how fast contacts waiting in a journey move to its newer version: the library's Welcome
 * journey (a welcome email, then a wait for the first order with a 3-day timeout), contacts at its
 * wait, a changed thank-you published as version 2, then "move contacts". Each contact at a wait
 * is stopped and started again on the new version with the time it has waited, so this is a
 * cancel and a start on the engine plus Cairn's bookkeeping per contact. Run with
 * {@code ./cairn bench}; it measures, it does not pass or fail on time.
 */
class MoveBenchmark extends CairnIntegrationTest {

  private static final int CONTACTS = Integer.getInteger("bench.moves", 500);
  private static final int BATCH_SIZE = 100;

  @Autowired Journeys journeys;
  @Autowired JourneyMigration migration;
  @Autowired JdbcClient jdbc;

  @Test
  void contacts_at_a_wait_move_to_a_new_version() {
    String id = "welcome-bench-" + UUID.randomUUID().toString().substring(0, 8);
    String trigger = "Bench " + id;
    String welcome = library("welcome")
        .replace("id=\"welcome\"", "id=\"" + id + "\"")
        .replace("bpmnElement=\"welcome\"", "bpmnElement=\"" + id + "\"")
        .replace("value=\"Signed Up\"", "value=\"" + trigger + "\"");
    journeys.addIfAbsent(id, "Welcome (benchmark " + id + ")", null, welcome);
    if (!(journeys.publish(id) instanceof PublishResult.Published)) {
      throw new IllegalStateException("the Welcome journey's copy did not publish");
    }
    long enterStart = System.nanoTime();
    for (int first = 0; first < CONTACTS; first += BATCH_SIZE) {
      String calls = IntStream.range(first, Math.min(CONTACTS, first + BATCH_SIZE))
          .mapToObj(n -> "{\"type\":\"track\",\"userId\":\"%s-%d\",\"event\":\"%s\",\"traits\":{\"email\":\"%s-%d@example.com\"}}"
              .formatted(id, n, trigger, id, n))
          .collect(Collectors.joining(","));
      if (post("/v1/batch", "{\"batch\":[" + calls + "]}").statusCode() != 200) {
        throw new IllegalStateException("the event API refused a batch of sign-ups");
      }
    }
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> waitingAt(id) >= CONTACTS);
    // The exporter records what a move needs (variables, the timer's due time) a moment after the wait starts.
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> timersAt(id) >= CONTACTS);
    double enterSeconds = seconds(enterStart);

    journeys.saveDiagram(id, welcome.replace("Thank you for your first order", "Your first order is on its way"));
    if (!(journeys.publish(id) instanceof PublishResult.Published)) {
      throw new IllegalStateException("version 2 did not publish");
    }
    long moveStart = System.nanoTime();
    JourneyMigration.Outcome outcome = migration.moveToLatest(id);
    double moveSeconds = seconds(moveStart);

    System.out.printf(
        """

        === Cairn benchmark: moving waiting contacts to a new journey version (embedded, %d cores) ===
        contacts at "Wait for first order"  %d (entered and waiting after %.1f s)
        moved to version %d                  %d in %.2f s  ->  %.0f contacts/s
        stayed                              %s
        =============================================================================================
        %n""",
        Runtime.getRuntime().availableProcessors(),
        CONTACTS,
        enterSeconds,
        outcome.latestVersion(),
        outcome.moved(),
        moveSeconds,
        outcome.moved() / moveSeconds,
        outcome.stayed().isEmpty() ? "none" : outcome.stayed());
  }

  private long waitingAt(String journeyId) {
    return jdbc.sql(
            "select count(*) from element_instance where bpmn_process_id = :id and element_id = 'wait-for-first-order' and state = 'ACTIVE'")
        .param("id", journeyId)
        .query(Long.class)
        .single();
  }

  private long timersAt(String journeyId) {
    return jdbc.sql(
            """
            select count(*) from act_ru_job j join act_re_procdef d on d.id_ = j.proc_def_id_
            where d.key_ = :id and j.type_ = 'timer'
            """)
        .param("id", journeyId)
        .query(Long.class)
        .single();
  }

  private static String library(String journey) {
    try (InputStream in = MoveBenchmark.class.getResourceAsStream("/cairn/journeys/" + journey + ".bpmn")) {
      if (in == null) {
        throw new IllegalStateException("no library journey " + journey);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
