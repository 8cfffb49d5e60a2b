package dev.cairn.ui.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application started as {@code ./cairn run} starts it ({@code java @ui/jvm.options
 * -XX:AOTCache=ui/target/app/cairn.aot -jar ui/target/app/cairn.jar}, the jar extracted with its
 * start-up cache), as a process of its own bound to 127.0.0.1, on a given data directory. It is
 * stopped by its PID (SIGTERM, then SIGKILL), and so is the PostgreSQL it started, even when the
 * benchmark fails.
 */
final class PackagedCairn implements AutoCloseable {

  private final Process process;
  private final Path dataDir;
  private final int port;
  private final double readySeconds;
  // Following redirects: / sends a signed-out visitor to the sign-in page, which is the console
  // serving.
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  private PackagedCairn(Process process, Path dataDir, int port, double readySeconds) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
    this.readySeconds = readySeconds;
  }

  /** Launches the jar and waits until the console answers 200 on {@code /}. */
  static PackagedCairn launch(Path dataDir, int smtpPort) {
    Path jar = Path.of(System.getProperty("bench.jar", "target/cairn.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run the benchmarks with ./cairn bench, which packages Cairn first");
    }
    int port = Mailbox.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(
        "@" + Path.of(System.getProperty("bench.jvm-options", "jvm.options")).toAbsolutePath());
    String jvmArgs = System.getProperty("bench.app.jvm-args", "").strip();
    if (!jvmArgs.isEmpty()) {
      command.addAll(Arrays.asList(jvmArgs.split("\\s+")));
    }
    // As ./cairn run: the extracted jar with its start-up cache, when the build recorded one.
    Path app = Path.of(System.getProperty("bench.app", "target/app")).toAbsolutePath();
    if (Files.isRegularFile(app.resolve("cairn.aot"))) {
      command.add("-XX:AOTCache=" + app.resolve("cairn.aot"));
      jar = app.resolve("cairn.jar");
    }
    command.add("-jar");
    command.add(jar.toString());
    BenchCairn.settings(dataDir, smtpPort, port)
        .forEach((key, value) -> command.add("--" + key + "=" + value));
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PackagedCairn cairn = new PackagedCairn(process, dataDir, port, 0);
    try {
      awaitServing(cairn, Duration.ofMinutes(3), log);
    } catch (RuntimeException e) {
      cairn.close();
      throw e;
    }
    return new PackagedCairn(process, dataDir, port, Bench.secondsSince(started));
  }

  private static void awaitServing(PackagedCairn cairn, Duration timeout, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + cairn.port + "/"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    while (true) {
      if (!cairn.process.isAlive()) {
        throw new IllegalStateException(
            "Cairn exited with " + cairn.process.exitValue() + " before serving; see " + log);
      }
      try {
        if (cairn.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Cairn did not serve its console within " + timeout + "; see " + log);
      }
      Bench.sleep(Duration.ofMillis(25));
    }
  }

  double readySeconds() {
    return readySeconds;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  HttpResponse<String> post(String path, String body) {
    return BenchCairn.post(http, port, path, body);
  }

  ProcessMemory.Footprint memory() {
    return ProcessMemory.of(process.pid(), dataDir.resolve("postgres"));
  }

  /**
   * SIGTERM (Cairn stops its work, then PostgreSQL), SIGKILL after a minute; then any PostgreSQL
   * left.
   */
  @Override
  public void close() {
    Optional<Long> postmaster = ProcessMemory.postmaster(dataDir.resolve("postgres"));
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    postmaster
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                handle.info().command().map(command -> command.contains("postgres")).orElse(false))
        .ifPresent(
            leftover -> {
              leftover.destroy();
              try {
                leftover.onExit().get(20, TimeUnit.SECONDS);
              } catch (Exception e) {
                leftover.destroyForcibly();
              }
            });
  }
}
