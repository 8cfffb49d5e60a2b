package dev.cairn.engine.imports;

import dev.cairn.engine.consent.ConsentStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to import a file: where each column goes, what makes rows the same person, where the
 * contacts came from (kept with the import and as the consent source, e.g. "Trade fair 2026
 * sign-up sheet"), and what they agreed to by email, if the marketer says so.
 */
public record ImportPlan(List<ColumnMapping> columns, DedupeKey key, String source, @Nullable ConsentStatus emailConsent) {

  /** An import that says nothing about consent. */
  public ImportPlan(List<ColumnMapping> columns, DedupeKey key, String source) {
    this(columns, key, source, null);
  }

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
