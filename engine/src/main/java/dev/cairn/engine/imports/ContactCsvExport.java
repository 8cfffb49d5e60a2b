package dev.cairn.engine.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes contacts as CSV, all of them or a segment's members, row by row from the database (never
 * the whole list in memory). Custom attributes go in one JSON column, so any set of traits fits.
 */
@Service
public class ContactCsvExport {

  static final List<String> HEADER =
      List.of(
          "id",
          "user_id",
          "email",
          "phone",
          "first_name",
          "last_name",
          "time_zone",
          "locale",
          "created_at",
          "last_seen_at",
          "attributes");

  private final JdbcClient jdbc;

  ContactCsvExport(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes every contact, or only the members of {@code segmentId} as of its last refresh. */
  @Transactional(readOnly = true)
  public long write(Writer out, @Nullable String segmentId) {
    try {
      CSVPrinter csv =
          new CSVPrinter(
              out, CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).get());
      String sql =
          "select c.* from contact c"
              + (segmentId == null
                  ? ""
                  : " join segment_member m on m.contact_id = c.id and m.segment_id = :segment")
              + " order by c.created_at, c.id";
      JdbcClient.StatementSpec statement = jdbc.sql(sql);
      if (segmentId != null) {
        statement = statement.param("segment", segmentId);
      }
      long[] written = {0};
      statement.query(
          rs -> {
            try {
              csv.printRecord(
                  rs.getString("id"),
                  rs.getString("external_id"),
                  rs.getString("email"),
                  rs.getString("phone"),
                  rs.getString("first_name"),
                  rs.getString("last_name"),
                  rs.getString("time_zone"),
                  rs.getString("locale"),
                  text(rs.getTimestamp("created_at")),
                  text(rs.getTimestamp("last_seen_at")),
                  rs.getString("traits"));
              written[0]++;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      csv.flush();
      return written[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static @Nullable String text(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}
