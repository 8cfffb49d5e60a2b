package dev.cairn.engine.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything Cairn keeps on disk lives under one directory ({@code cairn.data-dir}, default
 * {@code ./data}): the embedded database, the broker's data, logs and the pid files of the
 * processes Cairn runs.
 */
@ConfigurationProperties("cairn")
public record CairnHome(Path dataDir) {

  public CairnHome {
    dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
  }

  /** A directory under the data directory, created if missing. */
  public Path directory(String name) {
    try {
      return Files.createDirectories(dataDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cairn cannot create " + dataDir.resolve(name) + "; check cairn.data-dir", e);
    }
  }

  public Path logs() {
    return directory("logs");
  }
}
