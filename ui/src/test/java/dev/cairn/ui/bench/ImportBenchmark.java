package dev.cairn.ui.bench;

import dev.cairn.engine.imports.ColumnMapping;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.imports.ImportReport;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListChange;
import dev.cairn.ui.CairnIntegrationTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Prints how long a CSV import of 100,000 contacts takes ({@code -Dbench.rows=...}): new contacts
 * first, then the same file again (every row an update), then again with every contact put on a list. Run with {@code ./cairn bench}.
 */
class ImportBenchmark extends CairnIntegrationTest {

  private static final int ROWS = Integer.getInteger("bench.rows", 100_000);

  @Autowired ContactImport imports;
  @Autowired ContactLists lists;

  @Test
  void hundred_thousand_rows() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path file = Files.createTempFile("cairn-import-bench", ".csv");
    try {
      StringBuilder csv = new StringBuilder("email,first_name,last_name,phone,plan,orders\n");
      for (int i = 0; i < ROWS; i++) {
        csv.append("bench-%s-%d@example.com,First%d,Last%d,+1415555%04d,%s,%d%n".formatted(run, i, i, i, i % 10_000, i % 3 == 0 ? "Pro" : "Free", i % 17));
      }
      Files.writeString(file, csv);
      ImportPlan plan;
      try (InputStream in = Files.newInputStream(file)) {
        plan = new ImportPlan(imports.inspect(in).guessed(), DedupeKey.EMAIL, "benchmark");
      }

      double createSeconds = timed(file, plan);
      double updateSeconds = timed(file, plan);
      String list = ((ListChange.Done) lists.create("Benchmark " + run, null)).list().id();
      ImportPlan intoList = new ImportPlan(plan.columns(), plan.key(), plan.source(), null, list);
      double listSeconds = timed(file, intoList);

      System.out.printf(
          """

          === Cairn benchmark: CSV import (embedded PostgreSQL, %d cores) ===
          new contacts               %d rows in %.1f s  ->  %.0f rows/s
          same file again (updates)  %d rows in %.1f s  ->  %.0f rows/s
          again, all added to a list %d rows in %.1f s  ->  %.0f rows/s
          ===================================================================
          %n""",
          Runtime.getRuntime().availableProcessors(),
          ROWS,
          createSeconds,
          ROWS / createSeconds,
          ROWS,
          updateSeconds,
          ROWS / updateSeconds,
          ROWS,
          listSeconds,
          ROWS / listSeconds);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private double timed(Path file, ImportPlan plan) throws Exception {
    long start = System.nanoTime();
    try (InputStream in = Files.newInputStream(file)) {
      ImportReport report = imports.run(in, "bench.csv", plan, done -> {});
      if (!report.rejected().isEmpty()) {
        throw new IllegalStateException("rows rejected: " + report.rejected().getFirst());
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
