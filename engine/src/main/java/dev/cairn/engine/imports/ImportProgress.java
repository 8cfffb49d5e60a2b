package dev.cairn.engine.imports;

/**
 * How far a running import is, told after each batch: rows read of the file's rows, and what became
 * of them so far. The last one told equals the import's report.
 *
 * @param rows data rows read so far
 * @param totalRows data rows in the file, as {@link ContactImport#countRows} counted them
 * @param created contacts created so far
 * @param updated existing contacts (or earlier rows of the same person) updated so far
 * @param rejected rows not imported so far
 */
public record ImportProgress(long rows, long totalRows, long created, long updated, long rejected) {

  public ImportProgress {
    if (rows < 0 || totalRows < 0 || created < 0 || updated < 0 || rejected < 0) {
      throw new IllegalArgumentException("import counts are never negative");
    }
    if (rows > totalRows) {
      throw new IllegalArgumentException(rows + " rows read of a file counted with " + totalRows);
    }
  }

  /** The share done, 0 to 1; an empty file is done. */
  public double fraction() {
    return totalRows == 0 ? 1 : (double) rows / totalRows;
  }

  /** Whether every row has been read. */
  public boolean finished() {
    return rows == totalRows;
  }
}
