package dev.cairn.engine.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Opens a CSV file the way spreadsheets write them: UTF-8 with or without a byte-order mark,
 * separated by commas, semicolons (European Excel) or tabs, first row the header.
 */
final class CsvSource {

  private CsvSource() {}

  static CSVParser open(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                BOMInputStream.builder().setInputStream(in).get(), StandardCharsets.UTF_8));
    reader.mark(64 * 1024);
    String firstLine = reader.readLine();
    reader.reset();
    if (firstLine == null || firstLine.isBlank()) {
      throw new InvalidImportException(
          "The file is empty. Export it from your spreadsheet as CSV with a header row.");
    }
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter(firstLine))
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .get();
    try {
      return CSVParser.parse(reader, format);
    } catch (IllegalArgumentException e) {
      throw new InvalidImportException(
          "The header row cannot be read ("
              + e.getMessage()
              + "). Give every column a distinct name.");
    }
  }

  private static char delimiter(String headerLine) {
    long commas = headerLine.chars().filter(c -> c == ',').count();
    long semicolons = headerLine.chars().filter(c -> c == ';').count();
    long tabs = headerLine.chars().filter(c -> c == '\t').count();
    if (tabs > commas && tabs > semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }
}
