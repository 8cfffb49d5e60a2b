package dev.cairn.engine.imports;

import java.util.List;

/** A first look at a CSV file: its columns, what they seem to hold, and a few rows. */
public record Inspection(
    List<String> headers, List<ColumnMapping> guessed, List<List<String>> preview) {

  public Inspection {
    headers = List.copyOf(headers);
    guessed = List.copyOf(guessed);
    preview = preview.stream().map(List::copyOf).toList();
  }
}
