package dev.cairn.ui.bench;

import dev.cairn.engine.journey.run.JourneyMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contacts waiting in a journey (each at a wait for an order with a 30-day timeout) moved to its
 * next version with Cairn's move ({@link JourneyMigration#moveToLatest}), which uses the engine's
 * own migration: contacts moved per second. Measures; never fails on time.
 */
@ExtendWith(BenchmarkReport.class)
class MoveBenchmark {

  private static final int CONTACTS = Integer.getInteger("bench.moves.contacts", 10_000);

  @Test
  void waiting_contacts_move_to_a_new_version() {
    BenchmarkReport.size("moves.contacts", CONTACTS);
    try (Mailbox mail = new Mailbox();
        BenchCairn cairn = BenchCairn.fresh("moves", mail)) {
      cairn.start();
      String journey = WaitingJourney.publish(cairn, "bench-moves", "Thank you for your order");
      WaitingJourney.plant(cairn, journey, "m", CONTACTS, 500, 4);
      WaitingJourney.publish(cairn, journey, "Your order is on its way");

      long start = System.nanoTime();
      JourneyMigration.Outcome outcome = cairn.bean(JourneyMigration.class).moveToLatest(journey);
      double seconds = Bench.secondsSince(start);

      BenchmarkReport.result("moves.count", outcome.moved());
      BenchmarkReport.result("moves.per_s", outcome.moved() / seconds);
      System.out.printf(
          "moves: %d of %d waiting contacts moved to version %d in %.2f s (%.0f/s); stayed: %s%n",
          outcome.moved(),
          CONTACTS,
          outcome.latestVersion(),
          seconds,
          outcome.moved() / seconds,
          outcome.stayed().isEmpty() ? "none" : outcome.stayed());
    }
  }
}
