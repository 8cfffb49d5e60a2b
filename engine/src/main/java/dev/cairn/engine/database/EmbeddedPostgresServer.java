package dev.cairn.engine.database;

import dev.cairn.engine.home.CairnHome;
import dev.cairn.engine.home.OwnedProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL Cairn runs itself in embedded mode, with its data kept under the data directory
 * between runs. Durable settings are switched back on (the embedded binaries default to
 * fast-but-unsafe ones meant for throwaway test databases).
 */
final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  static EmbeddedPostgresServer start(CairnHome home, DatabaseProperties.Embedded settings) {
    home.refuseZeebeEraData();
    Path data = home.directory("postgres");
    OwnedProcess.endLeftover(
        data.resolve("postmaster.pid"),
        "embedded PostgreSQL",
        command -> command.contains("postgres"),
        OwnedProcess.Signal.INTERRUPT);
    long started = System.nanoTime();
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false) // Cairn stops it, after everything that uses it
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "100")
              .setOutputRedirector(
                  java.lang.ProcessBuilder.Redirect.appendTo(
                      home.logs().resolve("postgres.log").toFile()))
              .setErrorRedirector(
                  java.lang.ProcessBuilder.Redirect.appendTo(
                      home.logs().resolve("postgres.log").toFile()));
      settings.settings().forEach(builder::setServerConfig);
      if (settings.port() > 0) {
        builder.setPort(settings.port());
      }
      EmbeddedPostgres postgres = builder.start();
      log.info(
          "Embedded PostgreSQL ready on 127.0.0.1:{} in {} ms (data in {})",
          postgres.getPort(),
          (System.nanoTime() - started) / 1_000_000,
          data);
      return new EmbeddedPostgresServer(postgres, data);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The embedded PostgreSQL did not start (see "
              + home.logs().resolve("postgres.log")
              + "). If port "
              + settings.port()
              + " is taken, set cairn.database.embedded.port to a free one.",
          e);
    }
  }

  DatabaseConnection connection() {
    return new DatabaseConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
  }

  @Override
  public void close() throws IOException {
    log.info("Stopping embedded PostgreSQL ({})", dataDirectory);
    postgres.close();
  }
}
