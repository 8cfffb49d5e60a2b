package dev.cairn.engine.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Cairn's data lives.
 *
 * @param mode EMBEDDED: Cairn runs PostgreSQL itself, data under {@code <data-dir>/postgres};
 *     EXTERNAL: your PostgreSQL through {@code spring.datasource.*}
 * @param pool the embedded mode's connection pool (external: {@code spring.datasource.hikari.*})
 */
@ConfigurationProperties("cairn.database")
public record DatabaseProperties(Mode mode, Embedded embedded, Pool pool) {

  public enum Mode {
    EMBEDDED,
    EXTERNAL
  }

  /**
   * @param port the embedded PostgreSQL's port on 127.0.0.1 (0: any free port)
   * @param settings more PostgreSQL server settings, by name (e.g. {@code shared_buffers: 512MB});
   *     they win over Cairn's own
   */
  public record Embedded(int port, java.util.Map<String, String> settings) {
    public Embedded {
      port = port < 0 ? 54329 : port;
      settings = settings == null ? java.util.Map.of() : java.util.Map.copyOf(settings);
    }
  }

  /**
   * Every connection is a PostgreSQL process of its own, so an idle Cairn keeps only a few open.
   *
   * @param maxSize connections at most: step workers, event dispatchers, the engine's timers and
   *     the console share them, each only while a transaction runs
   * @param minIdle connections kept open while idle; more are opened under load and closed again
   *     after a minute unused
   */
  public record Pool(int maxSize, int minIdle) {
    public Pool {
      maxSize = maxSize <= 0 ? 20 : maxSize;
      minIdle = minIdle <= 0 ? 2 : Math.min(minIdle, maxSize);
    }
  }

  public DatabaseProperties {
    mode = mode == null ? Mode.EMBEDDED : mode;
    embedded = embedded == null ? new Embedded(54329, null) : embedded;
    pool = pool == null ? new Pool(0, 0) : pool;
  }
}
