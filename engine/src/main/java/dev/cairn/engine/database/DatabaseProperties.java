package dev.cairn.engine.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Cairn's data lives.
 *
 * @param mode EMBEDDED: Cairn runs PostgreSQL itself, data under {@code <data-dir>/postgres};
 *     EXTERNAL: your PostgreSQL through {@code spring.datasource.*}
 */
@ConfigurationProperties("cairn.database")
public record DatabaseProperties(Mode mode, Embedded embedded) {

  public enum Mode {
    EMBEDDED,
    EXTERNAL
  }

  /**
   * @param port the embedded PostgreSQL's port on 127.0.0.1 (0: any free port)
   */
  public record Embedded(int port) {
    public Embedded {
      port = port < 0 ? 54329 : port;
    }
  }

  public DatabaseProperties {
    mode = mode == null ? Mode.EMBEDDED : mode;
    embedded = embedded == null ? new Embedded(54329) : embedded;
  }
}
