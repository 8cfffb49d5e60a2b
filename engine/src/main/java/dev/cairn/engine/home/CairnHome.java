package dev.cairn.engine.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything Cairn keeps on disk lives under one directory ({@code cairn.data-dir}, default {@code
 * ./data}): the embedded database, logs and the pid file of the database Cairn runs.
 */
@ConfigurationProperties("cairn")
public record CairnHome(Path dataDir) {

  public CairnHome {
    dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
  }

  /**
   * Refuses a data directory written by a Cairn that ran journeys on a Zeebe broker (it has a
   * {@code zeebe} folder): those journeys cannot move to the embedded engine, and starting on such
   * a directory would fail later and obscurely.
   */
  public void refuseZeebeEraData() {
    Path zeebe = dataDir.resolve("zeebe");
    if (Files.isDirectory(zeebe)) {
      throw new IllegalStateException(
          "The data directory "
              + dataDir
              + " was written by an earlier Cairn that ran journeys on a Zeebe broker ("
              + zeebe
              + " exists). This Cairn runs journeys on its embedded engine and cannot take them over. To start afresh, stop Cairn and"
              + " move the directory aside (mv "
              + dataDir
              + " "
              + dataDir
              + ".zeebe-era), or start with --cairn.data-dir=<an empty"
              + " directory>; contacts, events and journeys are then created anew (demo data included).");
    }
  }

  /** A directory under the data directory, created if missing. */
  public Path directory(String name) {
    try {
      return Files.createDirectories(dataDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cairn cannot create " + dataDir.resolve(name) + "; check cairn.data-dir", e);
    }
  }

  public Path logs() {
    return directory("logs");
  }
}
