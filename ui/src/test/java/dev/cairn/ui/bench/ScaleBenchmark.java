package dev.cairn.ui.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cairn with {@code bench.scale.contacts} contacts waiting in a journey (a timer and an event
 * subscription each): new entries per second at that size against the empty-state figure, an
 * awaited event's way to its next step (the email) at a steady rate, the database's size, and a
 * restart of the packaged application with them all (seconds until the console serves, and its
 * memory then). The target is 1,000,000; the default keeps the whole suite near 20 minutes on 2
 * cores. Measures; never fails on time.
 */
@ExtendWith(BenchmarkReport.class)
class ScaleBenchmark {

  private static final int CONTACTS = Integer.getInteger("bench.scale.contacts", 200_000);
  private static final int ENTRIES = Integer.getInteger("bench.scale.entries", 2_000);
  private static final int AWAITED = Integer.getInteger("bench.scale.awaited", 500);
  private static final double AWAITED_RATE =
      Double.parseDouble(System.getProperty("bench.scale.awaited-rate", "25"));
  private static final int PLANTERS = Integer.getInteger("bench.scale.planters", 4);
  private static final int PER_TRANSACTION = Integer.getInteger("bench.scale.per-transaction", 500);
  private static final String JOURNEY = "bench-scale";

  @Test
  void contacts_waiting_at_scale() {
    BenchmarkReport.size("scale.contacts", CONTACTS);
    BenchmarkReport.size("scale.entries", ENTRIES);
    BenchmarkReport.size("scale.awaited", AWAITED);
    BenchmarkReport.size("scale.awaited_rate", AWAITED_RATE);
    try (Mailbox mail = new Mailbox();
        BenchCairn cairn = BenchCairn.fresh("scale", mail)) {
      cairn.start();
      WaitingJourney.publish(cairn, JOURNEY, "Thank you for your order");
      entries(cairn, "warm", Math.min(500, ENTRIES));
      double empty = entries(cairn, "empty", ENTRIES);

      double planted =
          WaitingJourney.plant(cairn, JOURNEY, "s", CONTACTS, PER_TRANSACTION, PLANTERS);
      cairn.jdbc().sql("analyze").update();
      long waiting = WaitingJourney.waiting(cairn, JOURNEY);
      cairn.resetStatements();
      double atSize = entries(cairn, "full", ENTRIES);
      cairn.printStatements("entries at size", ENTRIES);

      List<String> awaiting =
          IntStream.range(0, AWAITED).mapToObj(i -> "s-" + (long) i * CONTACTS / AWAITED).toList();
      cairn.resetStatements();
      long[] sentAt =
          Bench.paced(
              AWAITED_RATE,
              AWAITED,
              i ->
                  cairn.post(
                      "/v1/track",
                      """
          {"userId":"%s","event":"%s","properties":{"revenue":42}}
          """
                          .formatted(awaiting.get(i), WaitingJourney.AWAITED)));
      List<String> addresses = awaiting.stream().map(user -> user + "@example.com").toList();
      mail.awaitAll(addresses, Duration.ofMinutes(5));
      cairn.printStatements("awaited events at size", AWAITED);
      List<Double> awaitedMs =
          IntStream.range(0, AWAITED)
              .mapToObj(i -> (mail.arrival(addresses.get(i)) - sentAt[i]) / 1e6)
              .toList();
      double databaseMb = cairn.databaseMb();

      cairn.stop();
      double restart;
      ProcessMemory.Footprint memory;
      try (PackagedCairn restarted = PackagedCairn.launch(cairn.dataDir(), mail.port())) {
        restart = restarted.readySeconds();
        memory = restarted.memory();
      }

      BenchmarkReport.result("scale.waiting_contacts", waiting);
      BenchmarkReport.result("scale.plant_per_s", planted);
      BenchmarkReport.result("scale.empty_entries_per_s", empty);
      BenchmarkReport.result("scale.entries_per_s", atSize);
      BenchmarkReport.result("scale.entry_rate_ratio", atSize / empty);
      BenchmarkReport.result("scale.awaited_event_p50_ms", Bench.percentile(awaitedMs, 50));
      BenchmarkReport.result("scale.awaited_event_p99_ms", Bench.percentile(awaitedMs, 99));
      BenchmarkReport.result("scale.db_size_mb", databaseMb);
      BenchmarkReport.result("scale.restart_s", restart);
      BenchmarkReport.result("scale.rss_mb", memory.totalMb());
      System.out.printf(
          "scale: %,d waiting (planted at %.0f/s, %.0f MB); entries %.0f/s empty, %.0f/s at size; awaited event p99 %.0f ms; restart %.1f s, RSS %.0f MB%n",
          waiting,
          planted,
          databaseMb,
          empty,
          atSize,
          Bench.percentile(awaitedMs, 99),
          restart,
          memory.totalMb());
    }
  }

  /**
   * {@code count} new contacts' trigger events through {@code /v1/batch} (100 a request, 4
   * clients); entries per second until every one of them is in the journey.
   */
  private static double entries(BenchCairn cairn, String phase, int count) {
    long before = enrolled(cairn);
    long start = System.nanoTime();
    List<Future<?>> sent = new ArrayList<>();
    try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
      for (int first = 0; first < count; first += 100) {
        int from = first;
        sent.add(
            clients.submit(
                () ->
                    cairn.post(
                        "/v1/batch",
                        IntStream.range(from, Math.min(count, from + 100))
                            .mapToObj(
                                n ->
                                    "{\"type\":\"track\",\"userId\":\"e-%s-%d\",\"event\":\"%s\",\"traits\":{\"email\":\"e-%s-%d@example.com\"}}"
                                        .formatted(phase, n, WaitingJourney.TRIGGER, phase, n))
                            .collect(Collectors.joining(",", "{\"batch\":[", "]}")))));
      }
      Bench.all(sent);
    }
    Bench.await(
        "entries (" + phase + ")", Duration.ofMinutes(10), () -> enrolled(cairn) >= before + count);
    return count / Bench.secondsSince(start);
  }

  private static long enrolled(BenchCairn cairn) {
    return cairn
        .jdbc()
        .sql("select count(*) from enrollment where journey_id = :id")
        .param("id", JOURNEY)
        .query(Long.class)
        .single();
  }
}
