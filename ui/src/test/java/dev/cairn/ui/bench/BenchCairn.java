package dev.cairn.ui.bench;

import dev.cairn.engine.step.StepHandler;
import dev.cairn.ui.CairnApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Cairn as a user runs it, in this JVM: the embedded engine on an embedded PostgreSQL of its
 * own, in a data directory of its own (so every workload starts on an empty database and none slows
 * the next), sending email to a {@link Mailbox}. The directory is deleted on close.
 */
final class BenchCairn implements AutoCloseable {

  static final String WRITE_KEY = "wk_bench_key";
  static final String ADMIN_PASSWORD = "bench-admin-password";

  private final Path dataDir;
  private final Mailbox mail;
  private final List<StepHandler> extraSteps;
  private final Map<String, String> extraProperties;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private ConfigurableApplicationContext context;
  private int port;

  private BenchCairn(
      Path dataDir,
      Mailbox mail,
      List<StepHandler> extraSteps,
      Map<String, String> extraProperties) {
    this.dataDir = dataDir;
    this.mail = mail;
    this.extraSteps = extraSteps;
    this.extraProperties = extraProperties;
  }

  /** A Cairn on a new, empty data directory named after the workload; not started yet. */
  static BenchCairn fresh(String workload, Mailbox mail, StepHandler... extraSteps) {
    return fresh(workload, mail, Map.of(), extraSteps);
  }

  static BenchCairn fresh(
      String workload, Mailbox mail, Map<String, String> properties, StepHandler... extraSteps) {
    return new BenchCairn(newDataDir(workload), mail, List.of(extraSteps), properties);
  }

  static Path newDataDir(String workload) {
    try {
      Path root = Path.of(System.getProperty("bench.data", "target/bench-data"));
      return Files.createDirectories(
              root.resolve(workload + "-" + UUID.randomUUID().toString().substring(0, 8)))
          .toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings of a benchmark's Cairn: the defaults a user gets, plus where mail goes and keys. */
  static Map<String, String> settings(Path dataDir, int smtpPort, int httpPort) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("cairn.data-dir", dataDir.toString());
    settings.put("server.address", "127.0.0.1");
    settings.put("server.port", Integer.toString(httpPort));
    settings.put("cairn.database.embedded.port", "0");
    settings.put("cairn.demo.enabled", "false");
    settings.put("cairn.api.write-key", WRITE_KEY);
    settings.put("cairn.admin.password", ADMIN_PASSWORD);
    settings.put("cairn.webhooks.signing-secret", "whsec_bench_secret");
    settings.put("cairn.webhooks.allowed-private-networks", "127.0.0.1");
    settings.put("cairn.mail.host", "127.0.0.1");
    settings.put("cairn.mail.port", Integer.toString(smtpPort));
    settings.put("cairn.mail.security", "NONE");
    settings.put("cairn.mail.from", "Acme <hello@acme.test>");
    return settings;
  }

  /** Starts Cairn; returns the seconds until its console answered 200 on {@code /}. */
  double start() {
    long started = System.nanoTime();
    Map<String, Object> properties = new LinkedHashMap<>(settings(dataDir, mail.port(), 0));
    properties.putAll(extraProperties);
    properties.put("spring.main.banner-mode", "off");
    if (STATEMENTS) {
      properties.put(
          "cairn.database.embedded.settings.shared_preload_libraries", "pg_stat_statements");
    }
    // As command-line arguments: they rank above application.properties, as a user's own do.
    String[] arguments =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    SpringApplicationBuilder builder = new SpringApplicationBuilder(CairnApplication.class);
    if (!extraSteps.isEmpty()) {
      builder.initializers(
          context -> {
            for (int i = 0; i < extraSteps.size(); i++) {
              StepHandler step = extraSteps.get(i);
              ((GenericApplicationContext) context)
                  .registerBean("benchStep" + i, StepHandler.class, () -> step);
            }
          });
    }
    context = builder.run(arguments);
    port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    awaitConsole(http, "http://127.0.0.1:" + port + "/", Duration.ofMinutes(2));
    double seconds = Bench.secondsSince(started);
    awaitJourneysRunning();
    BenchmarkReport.version(
        "postgresql", jdbc().sql("show server_version").query(String.class).single());
    if (STATEMENTS) {
      jdbc().sql("create extension if not exists pg_stat_statements").update();
    }
    return seconds;
  }

  /**
   * With {@code -Dbench.statements=true} PostgreSQL counts every statement: a profile of the
   * database's side, which a JFR recording of Cairn's JVM does not show.
   */
  private static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");

  /** Forgets the statements counted so far (when counting). */
  void resetStatements() {
    if (STATEMENTS) {
      jdbc().sql("select pg_stat_statements_reset()").query(Object.class).list();
    }
  }

  /** Prints the statements that took the database the most time since the last reset. */
  void printStatements(String phase, int per) {
    if (!STATEMENTS) {
      return;
    }
    System.out.printf(
        "%nStatements of %s (ms in total, calls, ms per %d %s):%n", phase, per, phase);
    jdbc()
        .sql(
            """
            select total_exec_time, calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 150)
              from pg_stat_statements order by total_exec_time desc limit 30
            """)
        .query(
            (row, n) ->
                "%9.0f %8d %7.2f  %s"
                    .formatted(
                        row.getDouble(1), row.getLong(2), row.getDouble(1) / per, row.getString(3)))
        .list()
        .forEach(System.out::println);
  }

  /**
   * Journeys come up in the background once the console serves (the library is installed, published
   * journeys deployed, then steps, timers and events start); the thread handing kept events over
   * starts last, so its presence says all of it is done.
   */
  private static void awaitJourneysRunning() {
    Bench.await(
        "journeys running",
        Duration.ofMinutes(2),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .anyMatch(
                    thread -> thread.getName().equals("cairn-kept-events") && thread.isAlive()));
  }

  /** Stops Cairn the way SIGTERM does (work, web server, JPA, then PostgreSQL). */
  void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  /** Stops and starts Cairn on the same data; returns the seconds until the console answered. */
  double restart() {
    stop();
    return start();
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  JdbcClient jdbc() {
    return bean(JdbcClient.class);
  }

  Path dataDir() {
    return dataDir;
  }

  int port() {
    return port;
  }

  double databaseMb() {
    return jdbc().sql("select pg_database_size(current_database())").query(Long.class).single()
        / 1024.0
        / 1024.0;
  }

  /** This JVM (which also runs the load and the SMTP server) and the PostgreSQL it started. */
  ProcessMemory.Footprint memory() {
    return ProcessMemory.of(ProcessHandle.current().pid(), dataDir.resolve("postgres"));
  }

  HttpResponse<String> post(String path, String body) {
    return post(http, port, path, body);
  }

  static HttpResponse<String> post(HttpClient http, int port, String path, String body) {
    String basic =
        Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Basic " + basic)
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Polls {@code url} until it answers 200 (the console serving; a signed-out visitor is sent to
   * the sign-in page, so redirects are followed), or fails after {@code timeout}.
   */
  static void awaitConsole(HttpClient http, String url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    while (true) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(url + " did not answer 200 within " + timeout);
      }
      Bench.sleep(Duration.ofMillis(25));
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      delete(dataDir);
    }
  }

  static void delete(Path directory) {
    if (Boolean.getBoolean("bench.keep-data") || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
      for (Path file : all) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      System.err.println("Could not delete " + directory + ": " + e);
    }
  }
}
