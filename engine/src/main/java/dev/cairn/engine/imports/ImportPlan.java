package dev.cairn.engine.imports;

import java.util.List;

/**
 * How to import a file: where each column goes, what makes rows the same person, and where the
 * contacts came from (kept with the import, e.g. "Trade fair 2026 sign-up sheet").
 */
public record ImportPlan(List<ColumnMapping> columns, DedupeKey key, String source) {

  public ImportPlan {
    columns = List.copyOf(columns);
    if (columns.stream().noneMatch(column -> column.target() == key.column())) {
      throw new IllegalArgumentException(
          "Map a column to " + key.column().label() + ": rows are matched to contacts by " + key.label().toLowerCase() + ".");
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException("Say where these contacts come from (for consent records), e.g. \"Trade fair sign-up sheet\".");
    }
  }
}
