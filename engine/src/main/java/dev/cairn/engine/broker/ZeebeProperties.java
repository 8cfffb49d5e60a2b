package dev.cairn.engine.broker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Which Zeebe Cairn runs journeys on.
 *
 * @param mode EMBEDDED: Cairn runs a broker as a child process; REMOTE: a Zeebe / Camunda 8
 *     cluster (self-managed or SaaS)
 * @param commandPatience how long a command is retried while the engine pushes back or is
 *     unreachable before Cairn gives up on it (and retries the work that needed it later)
 * @param workerThreads threads performing journey steps (sending email, ...) at the same time
 */
@ConfigurationProperties("cairn.zeebe")
public record ZeebeProperties(
    Mode mode, Embedded embedded, Remote remote, Duration commandPatience, int workerThreads) {

  public enum Mode {
    EMBEDDED,
    REMOTE
  }

  /**
   * The broker Cairn runs.
   *
   * @param version the Zeebe distribution to run; 8.5.x is under the Zeebe Community License
   *     (production use allowed), 8.6 and later need a Camunda licence in production
   * @param gatewayPort the broker's gRPC gateway port on 127.0.0.1 (0: any free port)
   * @param heap the broker JVM's maximum heap
   * @param installDirectory where unpacked distributions are kept (shared by all data dirs)
   * @param repository the Maven repository to download a distribution from when the local
   *     Maven repository does not have it
   * @param startTimeout how long the broker may take to become ready; one that is not is ended and started again
   */
  public record Embedded(
      String version,
      int gatewayPort,
      DataSize heap,
      @Nullable Path installDirectory,
      URI repository,
      Duration startTimeout) {

    public Embedded {
      version = version == null || version.isBlank() ? "8.5.8" : version.strip();
      gatewayPort = gatewayPort < 0 ? 26500 : gatewayPort;
      heap = heap == null ? DataSize.ofMegabytes(512) : heap;
      repository = repository == null ? URI.create("https://repo.maven.apache.org/maven2/") : repository;
      startTimeout = startTimeout == null ? Duration.ofMinutes(2) : startTimeout;
    }

    static Embedded defaults() {
      return new Embedded(null, 26500, null, null, null, null);
    }
  }

  /**
   * A cluster Cairn connects to.
   *
   * @param grpcAddress e.g. {@code http://zeebe:26500} (plaintext) or {@code https://...} (TLS)
   * @param restAddress the cluster's REST address, when it has one
   * @param clientId OAuth client id (secured self-managed clusters and SaaS)
   */
  public record Remote(
      @Nullable URI grpcAddress,
      @Nullable URI restAddress,
      @Nullable String clientId,
      @Nullable String clientSecret,
      @Nullable String authorizationServerUrl,
      @Nullable String audience) {

    boolean usesOAuth() {
      return clientId != null && !clientId.isBlank();
    }
  }

  public ZeebeProperties {
    mode = mode == null ? Mode.EMBEDDED : mode;
    embedded = embedded == null ? Embedded.defaults() : embedded;
    remote = remote == null ? new Remote(null, null, null, null, null, null) : remote;
    commandPatience = commandPatience == null ? Duration.ofMinutes(2) : commandPatience;
    workerThreads = workerThreads <= 0 ? 8 : workerThreads;
  }
}
