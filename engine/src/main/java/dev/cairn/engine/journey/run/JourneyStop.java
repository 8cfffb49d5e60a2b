package dev.cairn.engine.journey.run;

import dev.cairn.engine.journey.Journeys;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Stops a journey: no new entries, and every contact inside is taken out, with the reason kept on
 * their enrolment. If the engine cannot be reached part way, the journey stays stopped and stopping
 * it again takes out the rest.
 */
@Service
public class JourneyStop {

  private static final Logger log = LoggerFactory.getLogger(JourneyStop.class);

  private final Journeys journeys;
  private final JdbcClient jdbc;
  private final JourneyEngine engine;
  private final Clock clock;

  JourneyStop(Journeys journeys, JdbcClient jdbc, JourneyEngine engine, Clock clock) {
    this.journeys = journeys;
    this.jdbc = jdbc;
    this.engine = engine;
    this.clock = clock;
  }

  /** Stops the journey; returns how many contacts were taken out. */
  public int stop(String journeyId, String reason) {
    if (reason.isBlank()) {
      throw new IllegalArgumentException(
          "Say why the journey stops; it is kept with every contact taken out.");
    }
    journeys.markStopped(journeyId);
    List<Long> inside =
        jdbc.sql(
                """
                select e.process_instance_key from enrollment e
                join element_instance p on p.element_instance_key = e.process_instance_key
                where e.journey_id = :journey and p.state = 'ACTIVE' and e.exited_at is null
                """)
            .param("journey", journeyId)
            .query(Long.class)
            .list();
    for (long instance : inside) {
      engine.cancel(instance, "journey stopped");
      jdbc.sql(
              "update enrollment set exited_at = :now, exit_reason = :reason where process_instance_key = :instance")
          .param("now", Timestamp.from(clock.instant()))
          .param("reason", reason.strip())
          .param("instance", instance)
          .update();
    }
    log.info("Journey {} stopped ({}): {} contacts taken out", journeyId, reason, inside.size());
    return inside.size();
  }
}
