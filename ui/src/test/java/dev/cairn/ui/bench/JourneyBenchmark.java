package dev.cairn.ui.bench;

import static org.awaitility.Awaitility.await;

import dev.cairn.ui.CairnIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prints how fast Cairn takes in events over HTTP and turns sign-ups into sent welcome emails, on
 * the embedded runtime (real broker process, embedded PostgreSQL, GreenMail). Run with
 * {@code ./cairn bench}; it measures, it does not pass or fail on time.
 */
class JourneyBenchmark extends CairnIntegrationTest {

  private static final int SIGN_UPS = Integer.getInteger("bench.signups", 500);
  private static final int SENDERS = 4;

  @Autowired JdbcClient jdbc;

  @Test
  void sign_ups_to_welcome_emails() throws Exception {
    warmUp();
    String run = UUID.randomUUID().toString().substring(0, 8);
    long emailsBefore = SMTP.getReceivedMessages().length;

    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < SIGN_UPS; i++) {
        String user = "bench-" + run + "-" + i;
        sent.add(senders.submit(() -> expectOk(post("/v1/track", signUp(user)))));
      }
      for (Future<?> future : sent) {
        future.get();
      }
    }
    double ingestSeconds = seconds(start);
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> SMTP.getReceivedMessages().length - emailsBefore >= SIGN_UPS);
    double journeySeconds = seconds(start);
    // The SMTP server has a message a moment before the ledger records it as sent.
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
        .until(() -> jdbc.sql(
                    """
                    select count(*) from message m join contact c on c.id = m.contact_id
                    where c.external_id like :prefix and m.element_id = 'welcome-email' and m.sent_at is not null
                    """)
                .param("prefix", "bench-" + run + "-%")
                .query(Long.class)
                .single()
            >= SIGN_UPS);

    List<Long> latencies =
        jdbc.sql(
                """
                select (extract(epoch from m.sent_at - ev.received_at) * 1000)::bigint
                from message m
                join enrollment en on en.process_instance_key = m.process_instance_key
                join contact_event ev on ev.id = en.trigger_event_id
                join contact c on c.id = m.contact_id
                where c.external_id like :prefix and m.element_id = 'welcome-email' and m.sent_at is not null
                order by 1
                """)
            .param("prefix", "bench-" + run + "-%")
            .query(Long.class)
            .list();

    // The admission step every compiled journey starts with (it claims the entry, so a crash never
    // starts a contact twice): how long it held each contact, activation to completion, by the engine's clock.
    List<Long> admission =
        jdbc.sql(
                """
                select (extract(epoch from ei.ended_at - ei.activated_at) * 1000)::bigint
                from element_instance ei
                join enrollment en on en.process_instance_key = ei.process_instance_key
                join contact c on c.id = en.contact_id
                where c.external_id like :prefix and ei.element_id = 'cairn-admission' and ei.ended_at is not null
                order by 1
                """)
            .param("prefix", "bench-" + run + "-%")
            .query(Long.class)
            .list();

    System.out.printf(
        """

        === Cairn benchmark: sign-ups to welcome emails (embedded runtime, %d cores) ===
        sign-ups posted            %d (from %d HTTP clients)
        ingest                     %.2f s  ->  %.0f events/s through POST /v1/track
        all welcome emails at SMTP %.2f s  ->  %.0f journeys/s end to end
        event -> email latency     p50 %d ms, p95 %d ms, max %d ms
        admission step (per entry) p50 %d ms, p95 %d ms (%d entries)
        ===============================================================================
        %n""",
        Runtime.getRuntime().availableProcessors(),
        SIGN_UPS,
        SENDERS,
        ingestSeconds,
        SIGN_UPS / ingestSeconds,
        journeySeconds,
        SIGN_UPS / journeySeconds,
        percentile(latencies, 50),
        percentile(latencies, 95),
        latencies.isEmpty() ? 0 : latencies.getLast(),
        percentile(admission, 50),
        percentile(admission, 95),
        admission.size());
  }

  /** One journey through before measuring, so class loading and the first deployment are not counted. */
  private void warmUp() {
    long before = SMTP.getReceivedMessages().length;
    expectOk(post("/v1/track", signUp("bench-warm-" + UUID.randomUUID())));
    await().atMost(Duration.ofMinutes(2)).until(() -> SMTP.getReceivedMessages().length > before);
  }

  private static String signUp(String user) {
    return """
        {"userId":"%s","event":"Signed Up","properties":{"plan":"Plus"},
         "traits":{"email":"%s@example.com","firstName":"Bench"}}
        """
        .formatted(user, user);
  }

  private static void expectOk(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("event API answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }
}
