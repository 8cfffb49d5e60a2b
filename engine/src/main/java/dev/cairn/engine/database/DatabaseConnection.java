package dev.cairn.engine.database;

import org.jspecify.annotations.Nullable;

/** Where Cairn's database is: the embedded one Cairn started, or the external one configured. */
public record DatabaseConnection(String jdbcUrl, @Nullable String user, @Nullable String password) {

  @Override
  public String toString() {
    return "DatabaseConnection[" + jdbcUrl + ", user=" + user + "]"; // never the password
  }
}
