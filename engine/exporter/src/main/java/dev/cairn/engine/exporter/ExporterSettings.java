package dev.cairn.engine.exporter;

/**
 * The exporter's arguments, set in the broker's configuration, e.g. {@code
 * ZEEBE_BROKER_EXPORTERS_CAIRN_ARGS_URL=jdbc:postgresql://db:5432/cairn}. Public fields with
 * defaults: the broker fills them by name.
 */
public final class ExporterSettings {

  /** JDBC URL of Cairn's database. */
  public String url = "";

  public String user = "";
  public String password = "";

  /** Rows written per transaction at most. */
  public int batchSize = 500;

  /** How often a partly filled batch is written anyway. */
  public long flushIntervalMillis = 200;

  void validate() {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "The Cairn exporter needs the database it writes to: set its 'url' argument to a"
              + " jdbc:postgresql:// URL (ZEEBE_BROKER_EXPORTERS_CAIRN_ARGS_URL), got '" + url + "'");
    }
    if (batchSize <= 0 || flushIntervalMillis <= 0) {
      throw new IllegalArgumentException("batchSize and flushIntervalMillis must be positive");
    }
  }

  String redactedUrl() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
