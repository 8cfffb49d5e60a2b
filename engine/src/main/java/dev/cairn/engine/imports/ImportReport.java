package dev.cairn.engine.imports;

import java.util.List;

/**
 * What an import did.
 *
 * @param rows data rows read (the header not counted)
 * @param created contacts that did not exist
 * @param updated existing contacts (or earlier rows of the same file) that got the row's values
 * @param rejected rows that were not imported, each with the reason
 */
public record ImportReport(
    long id, long rows, long created, long updated, List<RejectedRow> rejected) {

  public ImportReport {
    rejected = List.copyOf(rejected);
  }

  /** A row that was not imported: its line in the file, why, and its values. */
  public record RejectedRow(long line, String reason, List<String> values) {
    public RejectedRow {
      values = List.copyOf(values);
    }
  }
}
