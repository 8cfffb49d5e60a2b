package dev.cairn.engine.database;

import org.jspecify.annotations.Nullable;

/**
 * How to reach Cairn's database from outside the application: the broker's exporter writes
 * tracking rows through it.
 */
public record DatabaseConnection(String jdbcUrl, @Nullable String user, @Nullable String password) {

  @Override
  public String toString() {
    return "DatabaseConnection[" + jdbcUrl + ", user=" + user + "]"; // never the password
  }
}
