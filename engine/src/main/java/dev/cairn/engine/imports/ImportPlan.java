package dev.cairn.engine.imports;

import dev.cairn.engine.consent.ConsentStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to import a file: where each column goes, what makes rows the same person, where the contacts
 * came from (kept with the import and as the consent source, e.g. "Trade fair 2026 sign-up sheet"),
 * what they agreed to by email, if the marketer says so, and the list every imported contact joins,
 * if any.
 */
public record ImportPlan(
    List<ColumnMapping> columns,
    DedupeKey key,
    String source,
    @Nullable ConsentStatus emailConsent,
    @Nullable String listId) {

  /** An import that says nothing about consent. */
  public ImportPlan(List<ColumnMapping> columns, DedupeKey key, String source) {
    this(columns, key, source, null, null);
  }

  /** An import that puts no one on a list. */
  public ImportPlan(
      List<ColumnMapping> columns,
      DedupeKey key,
      String source,
      @Nullable ConsentStatus emailConsent) {
    this(columns, key, source, emailConsent, null);
  }

  public ImportPlan {
    columns = List.copyOf(columns);
    if (columns.stream().noneMatch(column -> column.target() == key.column())) {
      throw new IllegalArgumentException(
          "Map a column to "
              + key.column().label()
              + ": rows are matched to contacts by "
              + key.label().toLowerCase()
              + ".");
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException(
          "Say where these contacts come from (for consent records), e.g. \"Trade fair sign-up sheet\".");
    }
    if (listId != null && listId.isBlank()) {
      listId = null;
    }
  }
}
