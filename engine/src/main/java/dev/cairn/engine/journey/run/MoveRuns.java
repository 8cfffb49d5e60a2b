package dev.cairn.engine.journey.run;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The moves of contacts to a newer journey version that are under way: one per journey at a time
 * across every Cairn sharing the database, so no contact is handled by two moves, and how far each
 * has come, so every console showing the journey can say so. A claim not touched for {@link #STALE}
 * belongs to a Cairn that stopped mid-move, and is free again.
 */
@Component
class MoveRuns {

  static final Duration STALE = Duration.ofMinutes(2);

  /** Progress is written at most this often (and always at the start and the end). */
  private static final Duration WRITE_EVERY = Duration.ofMillis(500);

  private final JdbcClient jdbc;
  private final Clock clock;

  MoveRuns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Claims the journey's move for this Cairn; empty when a move of it is under way already. */
  Optional<Claim> claim(String journeyId) {
    UUID claim = UUID.randomUUID();
    Instant now = clock.instant();
    int claimed =
        jdbc.sql(
                """
            insert into journey_move_run (journey_id, claim, handled, total, updated_at) values (:journey, :claim, 0, 0, :now)
            on conflict (journey_id) do update set claim = excluded.claim, handled = 0, total = 0, updated_at = excluded.updated_at
            where journey_move_run.updated_at < :stale
            """)
            .param("journey", journeyId)
            .param("claim", claim)
            .param("now", Timestamp.from(now))
            .param("stale", Timestamp.from(now.minus(STALE)))
            .update();
    return claimed == 1 ? Optional.of(new Claim(journeyId, claim)) : Optional.empty();
  }

  /** How far the journey's move has come, while one is under way. */
  Optional<JourneyMigration.MoveProgress> underWay(String journeyId) {
    return jdbc.sql(
            "select handled, total from journey_move_run where journey_id = :journey and updated_at >= :stale")
        .param("journey", journeyId)
        .param("stale", Timestamp.from(clock.instant().minus(STALE)))
        .query(
            (rs, row) ->
                new JourneyMigration.MoveProgress(rs.getInt("handled"), rs.getInt("total")))
        .optional();
  }

  /** A move this Cairn runs; closing it ends the move. */
  final class Claim implements AutoCloseable {
    private final String journeyId;
    private final UUID claim;
    private @Nullable Instant written;

    private Claim(String journeyId, UUID claim) {
      this.journeyId = journeyId;
      this.claim = claim;
    }

    /** Records how far the move is; also what keeps the claim from going stale. */
    void progress(JourneyMigration.MoveProgress now) {
      Instant at = clock.instant();
      if (written != null && now.done() < now.total() && at.isBefore(written.plus(WRITE_EVERY))) {
        return;
      }
      written = at;
      jdbc.sql(
              "update journey_move_run set handled = :handled, total = :total, updated_at = :now where journey_id = :journey and claim = :claim")
          .param("handled", now.done())
          .param("total", now.total())
          .param("now", Timestamp.from(at))
          .param("journey", journeyId)
          .param("claim", claim)
          .update();
    }

    @Override
    public void close() {
      jdbc.sql("delete from journey_move_run where journey_id = :journey and claim = :claim")
          .param("journey", journeyId)
          .param("claim", claim)
          .update();
    }
  }
}
