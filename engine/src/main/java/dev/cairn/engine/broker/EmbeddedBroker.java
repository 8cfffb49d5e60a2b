package dev.cairn.engine.broker;

import dev.cairn.engine.database.DatabaseConnection;
import dev.cairn.engine.home.CairnHome;
import dev.cairn.engine.home.OwnedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * A real Zeebe broker run as Cairn's child process: data under {@code <data-dir>/zeebe}, every
 * port on 127.0.0.1, Cairn's exporter loaded so tracking rows reach PostgreSQL. It starts as soon
 * as Cairn knows its database (it boots while the rest of Cairn does), is restarted if it dies,
 * and is stopped after everything that talks to it.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String EXPORTER_RESOURCE = "cairn/exporter/cairn-exporter.jar";
  private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final ZeebeProperties.Embedded settings;
  private final DatabaseConnection database;
  private final Path brokerHome;
  private final Path dataDirectory;
  private final Path pidFile;
  private final Path logFile;
  private final Path exporterJar;
  private final int gatewayPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

  private volatile @Nullable Process process;
  private volatile int monitoringPort;
  /** The broker's other ports for the current launch: command API, internal API, REST server. */
  private volatile int[] otherPorts = new int[3];
  private volatile boolean stopping;
  private Duration restartBackoff = Duration.ofSeconds(1);

  private EmbeddedBroker(ZeebeProperties.Embedded settings, CairnHome home, DatabaseConnection database, Path brokerHome) {
    this.settings = settings;
    this.database = database;
    this.brokerHome = brokerHome;
    Path zeebe = home.directory("zeebe");
    this.dataDirectory = zeebe.resolve("data");
    this.pidFile = zeebe.resolve("broker.pid");
    this.exporterJar = zeebe.resolve("cairn-exporter.jar");
    this.logFile = home.logs().resolve("zeebe.log");
    this.gatewayPort = settings.gatewayPort() == 0 ? freePort() : settings.gatewayPort();
  }

  /** Installs the distribution if needed, ends a broker an earlier Cairn left behind, and starts one. */
  static EmbeddedBroker start(ZeebeProperties.Embedded settings, CairnHome home, DatabaseConnection database) {
    Path installDirectory =
        settings.installDirectory() != null
            ? settings.installDirectory()
            : Path.of(System.getProperty("java.io.tmpdir"), "cairn", "zeebe");
    Path brokerHome = new BrokerDistribution(settings.version(), installDirectory, settings.repository()).home();
    EmbeddedBroker broker = new EmbeddedBroker(settings, home, database, brokerHome);
    OwnedProcess.endLeftover(
        broker.pidFile, "Zeebe broker", command -> command.contains("StandaloneBroker"), OwnedProcess.Signal.TERMINATE);
    broker.installExporter();
    broker.launch();
    return broker;
  }

  /** Where the Camunda client reaches this broker's gateway. */
  public URI gatewayAddress() {
    return URI.create("http://127.0.0.1:" + gatewayPort);
  }

  /** Waits until the broker reports ready; false if it did not within the given time. */
  public boolean awaitReady(Duration patience) {
    try {
      firstReady.get(patience.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  public @Nullable Long pid() {
    Process running = process;
    return running == null ? null : running.pid();
  }

  /** Stops supervising without stopping the process: what a Cairn killed outright leaves behind. */
  void abandon() {
    stopping = true;
  }

  @Override
  public void close() {
    stopping = true;
    Process running = process;
    if (running == null || !running.isAlive()) {
      return;
    }
    log.info("Stopping the Zeebe broker (pid {})", running.pid());
    running.destroy();
    try {
      if (!running.waitFor(30, TimeUnit.SECONDS)) {
        log.warn("The Zeebe broker did not stop within 30 s; killing it");
        running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    OwnedProcess.forget(pidFile);
  }

  private synchronized void launch() {
    int[] ports = freePorts(4);
    monitoringPort = ports[0];
    otherPorts = java.util.Arrays.copyOfRange(ports, 1, 4);
    ProcessBuilder builder =
        new ProcessBuilder(command())
            .directory(brokerHome.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(environment());
    try {
      Process started = builder.start();
      process = started;
      OwnedProcess.record(pidFile, started.toHandle());
      log.info(
          "Zeebe {} broker starting (pid {}), gateway {}, log {}", settings.version(), started.pid(), gatewayAddress(), logFile);
      started.onExit().thenAccept(this::onExit);
      Thread.ofPlatform().name("cairn-broker-ready").daemon().start(() -> watchReadiness(started));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Zeebe broker from " + brokerHome, e);
    }
  }

  private List<String> command() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // Its own session: Ctrl-C in Cairn's terminal reaches Cairn, which then stops the broker in
      // order, instead of reaching both at once.
      command.add(SETSID.toString());
    }
    command.addAll(List.of(
        java.toString(),
        "-Xmx" + settings.heap().toMegabytes() + "m",
        "-XX:+ExitOnOutOfMemoryError",
        "-Dfile.encoding=UTF-8",
        "-Xshare:auto",
        "-Dapp.name=broker",
        "-Dapp.home=" + brokerHome,
        "-Dbasedir=" + brokerHome,
        "-classpath",
        brokerHome.resolve("config") + ":" + brokerHome.resolve("lib") + "/*",
        "io.camunda.zeebe.broker.StandaloneBroker"));
    return command;
  }

  private Map<String, String> environment() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("ZEEBE_BROKER_GATEWAY_ENABLE", "true");
    env.put("ZEEBE_BROKER_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_HOST", "127.0.0.1");
    env.put("ZEEBE_BROKER_GATEWAY_NETWORK_PORT", Integer.toString(gatewayPort));
    env.put("ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT", Integer.toString(otherPorts[0]));
    env.put("ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT", Integer.toString(otherPorts[1]));
    // The broker's REST gateway and management endpoints default to 8080 and 9600; keep them
    // off Cairn's own port.
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("SERVER_PORT", Integer.toString(otherPorts[2]));
    env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_PORT", Integer.toString(monitoringPort));
    env.put("ZEEBE_BROKER_DATA_DIRECTORY", dataDirectory.toString());
    env.put("ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT", "1");
    env.put("ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR", "1");
    env.put("ZEEBE_BROKER_CLUSTER_CLUSTERSIZE", "1");
    env.put("ZEEBE_BROKER_THREADS_CPUTHREADCOUNT", "1");
    env.put("ZEEBE_BROKER_THREADS_IOTHREADCOUNT", "1");
    env.put("ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING", "512MB");
    env.put("ZEEBE_BROKER_DATA_DISK_FREESPACE_REPLICATION", "256MB");
    env.put("ZEEBE_BROKER_EXPORTERS_CAIRN_CLASSNAME", "dev.cairn.engine.exporter.CairnExporter");
    env.put("ZEEBE_BROKER_EXPORTERS_CAIRN_JARPATH", exporterJar.toString());
    env.put("ZEEBE_BROKER_EXPORTERS_CAIRN_ARGS_URL", database.jdbcUrl());
    env.put("ZEEBE_BROKER_EXPORTERS_CAIRN_ARGS_USER", database.user() == null ? "" : database.user());
    env.put("ZEEBE_BROKER_EXPORTERS_CAIRN_ARGS_PASSWORD", database.password() == null ? "" : database.password());
    if (!settings.version().startsWith("8.5")) {
      env.put("SPRING_PROFILES_ACTIVE", "broker"); // 8.6+ ships one application for several roles
    }
    return env;
  }

  private void installExporter() {
    try (InputStream jar = new ClassPathResource(EXPORTER_RESOURCE).getInputStream()) {
      Path staged = exporterJar.resolveSibling(exporterJar.getFileName() + ".new");
      Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
      Files.move(staged, exporterJar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cairn's exporter jar (" + EXPORTER_RESOURCE + ") is missing from the application; rebuild with ./mvnw package", e);
    }
  }

  private void watchReadiness(Process watched) {
    long started = System.nanoTime();
    long deadline = started + settings.startTimeout().toNanos();
    URI readiness = URI.create("http://127.0.0.1:" + monitoringPort + "/actuator/health/readiness");
    while (watched.isAlive() && !stopping && System.nanoTime() < deadline) {
      if (isReady(readiness)) {
        log.info("Zeebe broker ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        restartBackoff = Duration.ofSeconds(1);
        firstReady.complete(null);
        return;
      }
      sleep(Duration.ofMillis(250));
    }
    if (watched.isAlive() && !stopping) {
      // A broker whose start failed (a port taken meanwhile, say) stays up doing nothing: end it, so it starts again.
      log.error("The Zeebe broker is not ready after {}; ending it to start it again (see {})", settings.startTimeout(), logFile);
      watched.destroyForcibly();
    }
  }

  private boolean isReady(URI readiness) {
    try {
      return http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A broker that dies while Cairn runs is started again; waiting contacts resume from its data. */
  private void onExit(Process exited) {
    if (stopping) {
      return;
    }
    log.error(
        "The Zeebe broker (pid {}) exited with code {}; restarting it in {} (see {})",
        exited.pid(),
        exited.exitValue(),
        restartBackoff,
        logFile);
    sleep(restartBackoff);
    restartBackoff = restartBackoff.multipliedBy(2).compareTo(MAX_RESTART_BACKOFF) > 0 ? MAX_RESTART_BACKOFF : restartBackoff.multipliedBy(2);
    if (!stopping) {
      launch();
    }
  }

  /**
   * Ports free now, all different and none the gateway's: each is held open until all are
   * chosen, since a port closed again can be the next one handed out (a broker given one port
   * twice fails to start).
   */
  private int[] freePorts(int count) {
    List<ServerSocket> held = new java.util.ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; ) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        if (socket.getLocalPort() != gatewayPort) {
          ports[i++] = socket.getLocalPort();
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on this machine", e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // a socket that does not close holds its port; the broker is told another
        }
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on this machine", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
