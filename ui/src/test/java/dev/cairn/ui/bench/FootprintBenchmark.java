package dev.cairn.ui.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged application launched as {@code ./cairn run} launches it: seconds until the console
 * serves (first on an empty data directory, then as every later start), and the resident memory of
 * Cairn and its PostgreSQL idle and after a burst of sign-ups. Measures; never fails on time.
 */
@ExtendWith(BenchmarkReport.class)
class FootprintBenchmark {

  private static final int IDLE_SECONDS = Integer.getInteger("bench.footprint.idle-seconds", 20);
  private static final int SIGN_UPS = Integer.getInteger("bench.footprint.signups", 2_000);

  @Test
  void launch_to_console_and_memory() {
    BenchmarkReport.size("footprint.idle_seconds", IDLE_SECONDS);
    BenchmarkReport.size("footprint.signups", SIGN_UPS);
    BenchmarkReport.size("footprint.jvm_args", System.getProperty("bench.app.jvm-args", ""));
    Path dataDir = BenchCairn.newDataDir("footprint");
    try (Mailbox mail = new Mailbox()) {
      double first;
      try (PackagedCairn cairn = PackagedCairn.launch(dataDir, mail.port())) {
        first = cairn.readySeconds();
      }
      try (PackagedCairn cairn = PackagedCairn.launch(dataDir, mail.port())) {
        Bench.sleep(Duration.ofSeconds(IDLE_SECONDS));
        ProcessMemory.Footprint idle = cairn.memory();

        for (int first100 = 0; first100 < SIGN_UPS; first100 += 100) {
          int from = first100;
          cairn.post(
              "/v1/batch",
              IntStream.range(from, Math.min(SIGN_UPS, from + 100))
                  .mapToObj(
                      n ->
                          "{\"type\":\"track\",\"userId\":\"f-%d\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"f-%d@example.com\"}}"
                              .formatted(n, n))
                  .collect(Collectors.joining(",", "{\"batch\":[", "]}")));
        }
        List<String> addresses =
            IntStream.range(0, SIGN_UPS).mapToObj(n -> "f-" + n + "@example.com").toList();
        mail.awaitAll(addresses, Duration.ofMinutes(10));
        ProcessMemory.Footprint loaded = cairn.memory();

        BenchmarkReport.result("footprint.first_ready_s", first);
        BenchmarkReport.result("footprint.ready_s", cairn.readySeconds());
        BenchmarkReport.result("footprint.idle_rss_mb", idle.totalMb());
        BenchmarkReport.result("footprint.idle_jvm_rss_mb", idle.jvmRssMb());
        BenchmarkReport.result("footprint.idle_postgres_rss_mb", idle.postgresRssMb());
        BenchmarkReport.result("footprint.idle_postgres_pss_mb", idle.postgresPssMb());
        BenchmarkReport.result("footprint.loaded_rss_mb", loaded.totalMb());
        System.out.printf(
            "footprint: console serving %.1f s after launch (first start %.1f s); idle %.0f MB (JVM RSS %.0f, PostgreSQL RSS %.0f in %d processes, PSS %.0f); after %d sign-ups %.0f MB%n",
            cairn.readySeconds(),
            first,
            idle.totalMb(),
            idle.jvmRssMb(),
            idle.postgresRssMb(),
            idle.postgresProcesses(),
            idle.postgresPssMb(),
            SIGN_UPS,
            loaded.totalMb());
      }
    } finally {
      BenchCairn.delete(dataDir);
    }
  }
}
