package dev.cairn.ui.bench;

import dev.cairn.ui.CairnIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Prints how many events per second Cairn stores through {@code POST /v1/batch}, the way
 * Segment's libraries send: batches of 100 mixed calls (identify, track, page) from several
 * clients, for new and returning contacts. Events no journey waits for never reach the engine,
 * so this measures the API and PostgreSQL. Run with {@code ./cairn bench}.
 */
class BatchIngestBenchmark extends CairnIntegrationTest {

  private static final int BATCHES = Integer.getInteger("bench.batches", 200);
  private static final int BATCH_SIZE = 100;
  private static final int SENDERS = 4;
  private static final int CONTACTS = 2_000;

  @Test
  void events_per_second_through_batch() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    send(run + "-warm", 10);

    long start = System.nanoTime();
    send(run, BATCHES);
    double seconds = (System.nanoTime() - start) / 1e9;

    long events = (long) BATCHES * BATCH_SIZE;
    System.out.printf(
        """

        === Cairn benchmark: event ingest through POST /v1/batch (embedded, %d cores) ===
        batches                    %d x %d calls from %d HTTP clients, %d contacts
        stored                     %d events in %.2f s  ->  %.0f events/s
        ===============================================================================
        %n""",
        Runtime.getRuntime().availableProcessors(),
        BATCHES,
        BATCH_SIZE,
        SENDERS,
        CONTACTS,
        events,
        seconds,
        events / seconds);
  }

  private void send(String run, int batches) throws Exception {
    try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
      List<Future<?>> sent = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        int batch = b;
        sent.add(senders.submit(() -> expectAllStored(post("/v1/batch", batch(run, batch)))));
      }
      for (Future<?> future : sent) {
        future.get();
      }
    }
  }

  private static String batch(String run, int batch) {
    String calls =
        IntStream.range(0, BATCH_SIZE)
            .mapToObj(i -> call(run, batch * BATCH_SIZE + i))
            .collect(Collectors.joining(","));
    return "{\"batch\":[" + calls + "]}";
  }

  private static String call(String run, int n) {
    String user = "ingest-" + run + "-" + (n % CONTACTS);
    return switch (n % 5) {
      case 0 -> "{\"type\":\"identify\",\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"plan\":\"Plus\"}}".formatted(user, user);
      case 1, 2 -> "{\"type\":\"page\",\"userId\":\"%s\",\"name\":\"Product\",\"properties\":{\"url\":\"https://acme.test/p/%d\"}}".formatted(user, n);
      default -> "{\"type\":\"track\",\"userId\":\"%s\",\"event\":\"Product Viewed\",\"properties\":{\"sku\":\"SKU-%d\",\"price\":19.9}}".formatted(user, n % 97);
    };
  }

  private static void expectAllStored(HttpResponse<String> response) {
    if (response.statusCode() != 200 || !response.body().contains("\"rejected\":0")) {
      throw new IllegalStateException("batch answered " + response.statusCode() + ": " + response.body());
    }
  }
}
