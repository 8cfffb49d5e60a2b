package dev.cairn.ui.bench;

import dev.cairn.engine.event.EventFeed;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events through {@code POST /v1/batch} the way Segment's libraries send them: batches of 100 mixed
 * calls (identify, page, track) from several clients, for new and returning contacts, none of which
 * a journey starts on or waits for. Events stored per second on an empty database, then again with
 * {@code bench.ingest.stored} events stored, of which {@code bench.ingest.pending} still wait to be
 * settled; and how long one claim of pending events takes then. Measures; never fails on time.
 */
@ExtendWith(BenchmarkReport.class)
class BatchIngestBenchmark {

  private static final int BATCHES = Integer.getInteger("bench.ingest.batches", 300);
  private static final int BATCH_SIZE = 100;
  private static final int CLIENTS = Integer.getInteger("bench.ingest.clients", 4);
  private static final int CONTACTS = 2_000;
  private static final int STORED = Integer.getInteger("bench.ingest.stored", 1_000_000);
  private static final int PENDING = Integer.getInteger("bench.ingest.pending", 50_000);

  @Test
  void events_stored_per_second_through_batch() {
    BenchmarkReport.size("ingest.batches", BATCHES);
    BenchmarkReport.size("ingest.batch_size", BATCH_SIZE);
    BenchmarkReport.size("ingest.clients", CLIENTS);
    BenchmarkReport.size("ingest.stored", STORED);
    BenchmarkReport.size("ingest.pending", PENDING);
    try (Mailbox mail = new Mailbox();
        BenchCairn cairn = BenchCairn.fresh("ingest", mail)) {
      cairn.start();
      EventFeed feed = cairn.bean(EventFeed.class);
      send(cairn, "warm", 20);

      long start = System.nanoTime();
      send(cairn, "empty", BATCHES);
      double stored = Bench.secondsSince(start);
      Bench.await("events settled", Duration.ofMinutes(10), () -> feed.pendingCount() == 0);
      double settled = Bench.secondsSince(start);

      plant(cairn);
      long backlogStart = System.nanoTime();
      List<Double> claims = new ArrayList<>();
      TransactionTemplate transactions =
          new TransactionTemplate(cairn.bean(PlatformTransactionManager.class));
      for (int i = 0; i < 5; i++) {
        claims.add(
            transactions.execute(
                status -> {
                  long claimStart = System.nanoTime();
                  feed.claimPending(20, 1_000);
                  status.setRollbackOnly();
                  return (System.nanoTime() - claimStart) / 1e6;
                }));
      }
      long again = System.nanoTime();
      send(cairn, "stored", BATCHES);
      double storedAgain = Bench.secondsSince(again);
      Bench.await("backlog settled", Duration.ofMinutes(15), () -> feed.pendingCount() == 0);
      double backlog = Bench.secondsSince(backlogStart);

      long events = (long) BATCHES * BATCH_SIZE;
      BenchmarkReport.result("ingest.batch_events_per_s", events / stored);
      BenchmarkReport.result("ingest.settled_events_per_s", events / settled);
      BenchmarkReport.result(
          "ingest.stored_events",
          cairn.jdbc().sql("select count(*) from contact_event").query(Long.class).single());
      BenchmarkReport.result("ingest.batch_events_per_s_at_stored", events / storedAgain);
      BenchmarkReport.result("ingest.events_stored_1m_claim_ms", Bench.percentile(claims, 50));
      BenchmarkReport.result("ingest.backlog_settle_s", backlog);
      System.out.printf(
          "ingest: %.0f events/s stored (%.0f/s settled); with %,d stored: %.0f events/s, a claim %.1f ms, backlog of %,d settled in %.1f s%n",
          events / stored,
          events / settled,
          STORED,
          events / storedAgain,
          Bench.percentile(claims, 50),
          PENDING,
          backlog);
    }
  }

  private static void send(BenchCairn cairn, String run, int batches) {
    List<Future<?>> sent = new ArrayList<>();
    try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
      for (int b = 0; b < batches; b++) {
        int batch = b;
        sent.add(
            clients.submit(
                () -> {
                  String answer = cairn.post("/v1/batch", batch(run, batch)).body();
                  if (!answer.contains("\"rejected\":0")) {
                    throw new IllegalStateException("batch not stored whole: " + answer);
                  }
                }));
      }
      Bench.all(sent);
    }
  }

  private static String batch(String run, int batch) {
    return IntStream.range(0, BATCH_SIZE)
        .mapToObj(i -> call(run, batch * BATCH_SIZE + i))
        .collect(Collectors.joining(",", "{\"batch\":[", "]}"));
  }

  private static String call(String run, int n) {
    String user = "ingest-" + run + "-" + (n % CONTACTS);
    return switch (n % 5) {
      case 0 ->
          "{\"type\":\"identify\",\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"plan\":\"Plus\"}}"
              .formatted(user, user);
      case 1, 2 ->
          "{\"type\":\"page\",\"userId\":\"%s\",\"name\":\"Product\",\"properties\":{\"url\":\"https://acme.test/p/%d\"}}"
              .formatted(user, n);
      default ->
          "{\"type\":\"track\",\"userId\":\"%s\",\"event\":\"Product Viewed\",\"properties\":{\"sku\":\"SKU-%d\",\"price\":19.9}}"
              .formatted(user, n % 97);
    };
  }

  /**
   * Stored history straight into PostgreSQL: 50,000 contacts' views, cart adds and orders over two
   * years, the last {@code PENDING} not yet settled, as after a burst.
   */
  private static void plant(BenchCairn cairn) {
    long start = System.nanoTime();
    var jdbc = cairn.jdbc();
    jdbc.sql(
            """
            insert into contact (id, external_id, email, traits, created_at, updated_at, last_seen_at)
            select gen_random_uuid(), 'stored-' || n, 'stored-' || n || '@example.com', '{}'::jsonb, now(), now(), now()
            from generate_series(1, 50000) n
            """)
        .update();
    jdbc.sql(
            """
            insert into contact_event (message_id, contact_id, type, name, properties, occurred_at, received_at, processed_at)
            select 'stored-' || e.n, c.ids[(e.n % array_length(c.ids, 1)) + 1], 'TRACK',
                   case when e.n % 10 = 0 then 'Order Completed' when e.n % 10 < 3 then 'Product Added' else 'Product Viewed' end,
                   case when e.n % 10 = 0 then jsonb_build_object('revenue', (e.n % 300) + 20) else '{}'::jsonb end,
                   now() - make_interval(mins => ((e.n::bigint * 7919) % (730 * 24 * 60))::int), now(),
                   case when e.n > :stored - :pending then null else now() end
            from generate_series(1, :stored) e(n)
            cross join (select array_agg(id) ids from contact where external_id like 'stored-%') c
            """)
        .param("stored", STORED)
        .param("pending", PENDING)
        .update();
    jdbc.sql("analyze contact_event").update();
    System.out.printf(
        "  planted %,d stored events (%,d pending) in %.1f s%n",
        STORED, PENDING, Bench.secondsSince(start));
  }
}
