package dev.cairn.ui.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects every benchmark's numbers in this run and, once all benchmarks have run, prints them as
 * one table and writes them to {@code docs/benchmarks/latest.json} ({@code -Dbench.out=...}) with
 * the machine, the versions and the sizes used. Numbers are reported, never judged: a benchmark
 * does not pass or fail on time.
 */
final class BenchmarkReport implements BeforeAllCallback {

  /** What a key means and the target for it, shown beside the number. */
  private record Meaning(String unit, String description, String target) {}

  private static final Map<String, Object> RESULTS = new LinkedHashMap<>();
  private static final Map<String, Object> SIZES = new LinkedHashMap<>();
  private static final Map<String, String> VERSIONS = new LinkedHashMap<>();
  private static final Map<String, Meaning> MEANINGS = meanings();

  static synchronized void result(String key, double value) {
    RESULTS.put(key, Double.isFinite(value) ? round(value) : null);
  }

  static synchronized void result(String key, long value) {
    RESULTS.put(key, value);
  }

  static synchronized void size(String key, Object value) {
    SIZES.put(key, value);
  }

  static synchronized void version(String component, String version) {
    VERSIONS.put(component, version);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // The root store closes its resources once, after the last test class of the run.
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(BenchmarkReport.class, key -> new Finish(), Finish.class);
  }

  private static final class Finish implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      synchronized (BenchmarkReport.class) {
        if (RESULTS.isEmpty()) {
          return;
        }
        System.out.println(table());
        Path out = Path.of(System.getProperty("bench.out", "../docs/benchmarks/latest.json"));
        try {
          Files.createDirectories(out.toAbsolutePath().getParent());
          Files.writeString(out, json());
          System.out.println("Written to " + out.toAbsolutePath().normalize());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  static synchronized String table() {
    StringBuilder table = new StringBuilder();
    String rule = "=".repeat(118);
    table.append('\n').append(rule).append('\n');
    table.append(
        "Cairn benchmarks  |  %s  |  %d cores, %.1f GB  |  Java %s  |  Cairn %s, Operaton %s, PostgreSQL %s%n"
            .formatted(
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                cores(),
                memoryMb() / 1024.0,
                Runtime.version(),
                versions().get("cairn"),
                versions().get("operaton"),
                versions().get("postgresql")));
    table
        .append("sizes: ")
        .append(
            SIZES.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")))
        .append('\n');
    table.append(rule).append('\n');
    table.append(
        "%-40s %14s  %-8s %-36s %s%n"
            .formatted("key", "value", "unit", "what", "target (issue 15)"));
    table.append("-".repeat(118)).append('\n');
    ordered()
        .forEach(
            (key, value) -> {
              Meaning meaning = MEANINGS.getOrDefault(key, new Meaning("", "", ""));
              table.append(
                  "%-40s %14s  %-8s %-36s %s%n"
                      .formatted(
                          key,
                          format(value),
                          meaning.unit(),
                          meaning.description(),
                          meaning.target()));
            });
    table.append(rule).append('\n');
    table.append("Measured, not judged: no benchmark passes or fails on time.\n");
    return table.toString();
  }

  static synchronized String json() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("run_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", cores());
    machine.put("memory_mb", Math.round(memoryMb()));
    machine.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    machine.put(
        "jvm",
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + Runtime.version());
    document.put("machine", machine);
    document.put("versions", versions());
    document.put("sizes", SIZES);
    document.putAll(ordered());
    return write(document, "") + "\n";
  }

  /**
   * The workloads in the order (journeys, scale, ingest, moves, footprint), extras last.
   */
  private static Map<String, Object> ordered() {
    Map<String, Object> ordered = new LinkedHashMap<>();
    MEANINGS.keySet().stream()
        .filter(RESULTS::containsKey)
        .forEach(key -> ordered.put(key, RESULTS.get(key)));
    RESULTS.forEach(ordered::putIfAbsent);
    return ordered;
  }

  private static Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("cairn", System.getProperty("bench.cairn.version", "unknown"));
    versions.put("operaton", System.getProperty("bench.operaton.version", "unknown"));
    versions.put("postgresql", "unknown");
    versions.put("jvm", Runtime.version().toString());
    versions.putAll(VERSIONS);
    return versions;
  }

  private static String write(Object value, String indent) {
    return switch (value) {
      case null -> "null";
      case Map<?, ?> map when map.isEmpty() -> "{}";
      case Map<?, ?> map ->
          map.entrySet().stream()
              .map(
                  e ->
                      indent
                          + "  "
                          + quote(e.getKey().toString())
                          + ": "
                          + write(e.getValue(), indent + "  "))
              .collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
      case Number number -> number.toString();
      case Boolean bool -> bool.toString();
      default -> quote(value.toString());
    };
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String format(Object value) {
    return switch (value) {
      case null -> "n/a";
      case Double d when Math.abs(d) >= 100 -> String.format(Locale.ROOT, "%,.0f", d);
      case Double d -> String.format(Locale.ROOT, "%.2f", d);
      case Long l -> String.format(Locale.ROOT, "%,d", l);
      default -> value.toString();
    };
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static double memoryMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Double.parseDouble(line.substring("MemTotal:".length()).replace("kB", "").strip())
              / 1024;
        }
      }
    } catch (IOException e) {
      // not Linux: unknown
    }
    return 0;
  }

  private static Map<String, Meaning> meanings() {
    Map<String, Meaning> m = new LinkedHashMap<>();
    m.put("journeys.per_s", new Meaning("/s", "sign-ups over HTTP -> welcome email", ">= 200"));
    m.put("journeys.bare_per_s", new Meaning("/s", "same BPMN, engine port, no-op steps", ""));
    m.put(
        "journeys.bare_engine_ratio", new Meaning("x", "Cairn time / bare engine time", "<= 1.2"));
    m.put("journeys.paced_per_s", new Meaning("/s", "paced rate (half of journeys.per_s)", ""));
    m.put("journeys.p50_ms", new Meaning("ms", "event -> email at the paced rate", ""));
    m.put("journeys.p99_ms", new Meaning("ms", "event -> email at the paced rate", "< 1000"));
    m.put("journeys.bare_p50_ms", new Meaning("ms", "start -> step, bare, same rate", ""));
    m.put("journeys.bare_p99_ms", new Meaning("ms", "start -> step, bare, same rate", ""));
    m.put(
        "scale.waiting_contacts", new Meaning("", "contacts waiting (timer + event)", "1,000,000"));
    m.put("scale.plant_per_s", new Meaning("/s", "planting: entry path, big transactions", ""));
    m.put("scale.empty_entries_per_s", new Meaning("/s", "entries over /v1/batch, empty", ""));
    m.put("scale.entries_per_s", new Meaning("/s", "entries over /v1/batch, at size", ""));
    m.put("scale.entry_rate_ratio", new Meaning("x", "at size / empty", ">= 0.5"));
    m.put(
        "scale.awaited_event_p50_ms", new Meaning("ms", "awaited event -> next step's email", ""));
    m.put(
        "scale.awaited_event_p99_ms",
        new Meaning("ms", "awaited event -> next step's email", "< 100"));
    m.put("scale.db_size_mb", new Meaning("MB", "database size at size", ""));
    m.put("scale.restart_s", new Meaning("s", "packaged app restart -> console 200", "< 30"));
    m.put("scale.rss_mb", new Meaning("MB", "Cairn + PostgreSQL RSS after restart", ""));
    m.put(
        "ingest.batch_events_per_s",
        new Meaning("/s", "/v1/batch, 100 mixed calls each", ">= 10,000"));
    m.put(
        "ingest.settled_events_per_s", new Meaning("/s", "stored and settled (none pending)", ""));
    m.put(
        "ingest.stored_events",
        new Meaning("", "events stored before the second pass", "1,000,000"));
    m.put(
        "ingest.batch_events_per_s_at_stored", new Meaning("/s", "/v1/batch with them stored", ""));
    m.put(
        "ingest.events_stored_1m_claim_ms",
        new Meaning("ms", "one claim of 20, backlog pending", "O(batch)"));
    m.put("ingest.backlog_settle_s", new Meaning("s", "settling the pending backlog", ""));
    m.put("moves.count", new Meaning("", "waiting contacts moved", "10,000"));
    m.put("moves.per_s", new Meaning("/s", "moved to a new version", ">= 500"));
    m.put("footprint.first_ready_s", new Meaning("s", "launch on an empty data dir -> 200", ""));
    m.put("footprint.ready_s", new Meaning("s", "launch -> console 200 on /", "< 8"));
    m.put("footprint.idle_rss_mb", new Meaning("MB", "Cairn + PostgreSQL RSS, idle", "< 700"));
    m.put("footprint.idle_jvm_rss_mb", new Meaning("MB", "Cairn JVM RSS, idle", ""));
    m.put("footprint.idle_postgres_rss_mb", new Meaning("MB", "PostgreSQL RSS summed, idle", ""));
    m.put(
        "footprint.idle_postgres_pss_mb",
        new Meaning("MB", "PostgreSQL PSS (shared once), idle", ""));
    m.put(
        "footprint.loaded_rss_mb",
        new Meaning("MB", "Cairn + PostgreSQL RSS after load", "bounded"));
    return m;
  }
}
