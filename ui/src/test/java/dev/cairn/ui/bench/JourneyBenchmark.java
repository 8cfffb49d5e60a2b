package dev.cairn.ui.bench;

import dev.cairn.engine.journey.run.JourneyEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-ups over HTTP ({@code POST /v1/track} "Signed Up") to welcome emails at the local SMTP
 * server, on the library's Welcome journey; beside it, in the same run on the same database, the
 * bare engine: the Welcome journey's compiled BPMN started straight through the engine port ({@link
 * JourneyEngine#start}) with a no-op step instead of the email. First a burst (as fast as {@code
 * bench.journeys.clients} clients send) for the sustained rate, then a steady load at half that
 * rate for the event-to-email latency. Measures; never fails on time.
 */
@ExtendWith(BenchmarkReport.class)
class JourneyBenchmark {

  private static final int SIGN_UPS = Integer.getInteger("bench.journeys.signups", 3_000);
  private static final int CLIENTS = Integer.getInteger("bench.journeys.clients", 8);
  private static final int PACED_SECONDS = Integer.getInteger("bench.journeys.paced-seconds", 30);
  private static final int WARM_UP = Integer.getInteger("bench.journeys.warm-up", 300);
  private static final String BARE = "bench-bare-welcome";

  @Test
  void sign_ups_become_welcome_emails_beside_the_bare_engine() {
    BenchmarkReport.size("journeys.signups", SIGN_UPS);
    BenchmarkReport.size("journeys.clients", CLIENTS);
    BenchmarkReport.size("journeys.paced_seconds", PACED_SECONDS);
    NoopSteps noop = new NoopSteps();
    try (Mailbox mail = new Mailbox();
        BenchCairn cairn = BenchCairn.fresh("journeys", mail, noop)) {
      cairn.start();
      JourneyEngine engine = cairn.bean(JourneyEngine.class);
      deployBare(cairn, engine);

      burst(CLIENTS, WARM_UP, signUp(cairn, "warm"), emailOf("warm"), mail::arrival);
      burst(CLIENTS, WARM_UP, bareStart(engine, "warm"), bareKey("warm"), noop::performedFor);
      mail.purge();

      cairn.resetStatements();
      double cairnSeconds =
          burst(CLIENTS, SIGN_UPS, signUp(cairn, "burst"), emailOf("burst"), mail::arrival);
      cairn.printStatements("sign-ups", SIGN_UPS);
      double bareSeconds =
          burst(
              CLIENTS, SIGN_UPS, bareStart(engine, "burst"), bareKey("burst"), noop::performedFor);
      mail.purge();
      double perSecond = SIGN_UPS / cairnSeconds;
      double pacedRate = perSecond / 2;
      int paced = (int) Math.max(20, pacedRate * PACED_SECONDS);

      List<Double> cairnLatency =
          paced(pacedRate, paced, signUp(cairn, "paced"), emailOf("paced"), mail::arrival);
      List<Double> bareLatency =
          paced(pacedRate, paced, bareStart(engine, "paced"), bareKey("paced"), noop::performedFor);

      BenchmarkReport.result("journeys.per_s", perSecond);
      BenchmarkReport.result("journeys.bare_per_s", SIGN_UPS / bareSeconds);
      BenchmarkReport.result("journeys.bare_engine_ratio", cairnSeconds / bareSeconds);
      BenchmarkReport.result("journeys.paced_per_s", pacedRate);
      BenchmarkReport.result("journeys.p50_ms", Bench.percentile(cairnLatency, 50));
      BenchmarkReport.result("journeys.p99_ms", Bench.percentile(cairnLatency, 99));
      BenchmarkReport.result("journeys.bare_p50_ms", Bench.percentile(bareLatency, 50));
      BenchmarkReport.result("journeys.bare_p99_ms", Bench.percentile(bareLatency, 99));
      System.out.printf(
          "journeys: %d sign-ups in %.2f s (%.0f/s), bare engine %.2f s (%.0f/s); at %.0f/s p50 %.0f ms p99 %.0f ms (bare p99 %.0f ms)%n",
          SIGN_UPS,
          cairnSeconds,
          perSecond,
          bareSeconds,
          SIGN_UPS / bareSeconds,
          pacedRate,
          Bench.percentile(cairnLatency, 50),
          Bench.percentile(cairnLatency, 99),
          Bench.percentile(bareLatency, 99));
    }
  }

  /**
   * The Welcome journey exactly as Cairn compiled and published it, under another process id, its
   * email step replaced by the no-op step.
   */
  private static void deployBare(BenchCairn cairn, JourneyEngine engine) {
    String compiled =
        cairn
            .jdbc()
            .sql(
                "select deployed_xml from journey_version where journey_id = 'welcome' order by version desc limit 1")
            .query(String.class)
            .single();
    String bare =
        compiled
            .replace("id=\"welcome\"", "id=\"" + BARE + "\"")
            .replace("bpmnElement=\"welcome\"", "bpmnElement=\"" + BARE + "\"")
            .replace("type=\"cairn.email\"", "type=\"" + NoopSteps.TYPE + "\"");
    if (!(engine.deploy(BARE, bare) instanceof JourneyEngine.Deployment.Done)) {
      throw new IllegalStateException("the bare Welcome journey did not deploy");
    }
  }

  private static IntConsumer signUp(BenchCairn cairn, String phase) {
    return i -> {
      String user = "j-" + phase + "-" + i;
      cairn.post(
          "/v1/track",
          """
          {"userId":"%s","event":"Signed Up","properties":{"plan":"Plus"},
           "traits":{"email":"%s@example.com","firstName":"Bench"}}
          """
              .formatted(user, user));
    };
  }

  private static java.util.function.IntFunction<String> emailOf(String phase) {
    return i -> "j-" + phase + "-" + i + "@example.com";
  }

  /** Bare contacts are ids no contact has: the no-op step looks none up. */
  private static java.util.function.IntFunction<String> bareKey(String phase) {
    return i ->
        UUID.nameUUIDFromBytes(
                ("bare-" + phase + "-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
  }

  private static IntConsumer bareStart(JourneyEngine engine, String phase) {
    var key = bareKey(phase);
    return i ->
        engine.start(
            BARE,
            "bare-" + phase + "-" + i,
            Map.of(
                "contactId",
                key.apply(i),
                "trigger",
                Map.of(
                    "event",
                    "Signed Up",
                    "properties",
                    Map.of("plan", "Plus"),
                    "occurredAt",
                    Instant.now().toString())));
  }

  /**
   * Sends {@code count} from {@code clients} threads as fast as they go; seconds until the last
   * arrived.
   */
  private static double burst(
      int clients,
      int count,
      IntConsumer send,
      java.util.function.IntFunction<String> keyOf,
      java.util.function.Function<String, Long> arrival) {
    long start = System.nanoTime();
    List<Future<?>> sent = new ArrayList<>();
    try (ExecutorService senders = Executors.newFixedThreadPool(clients)) {
      for (int i = 0; i < count; i++) {
        int n = i;
        sent.add(senders.submit(() -> send.accept(n)));
      }
      Bench.all(sent);
    }
    long last =
        Bench.awaitAll(
            "burst",
            IntStream.range(0, count).mapToObj(keyOf).toList(),
            arrival,
            Duration.ofMinutes(10));
    return (last - start) / 1e9;
  }

  /** Sends {@code count} at {@code perSecond}; each one's milliseconds from sending to arriving. */
  private static List<Double> paced(
      double perSecond,
      int count,
      IntConsumer send,
      java.util.function.IntFunction<String> keyOf,
      java.util.function.Function<String, Long> arrival) {
    long[] sentAt = Bench.paced(perSecond, count, send);
    List<String> keys = IntStream.range(0, count).mapToObj(keyOf).toList();
    Bench.awaitAll("paced", keys, arrival, Duration.ofMinutes(5));
    return IntStream.range(0, count)
        .mapToObj(i -> (arrival.apply(keys.get(i)) - sentAt[i]) / 1e6)
        .toList();
  }
}
