package dev.cairn.engine.journey.run;

import dev.cairn.engine.journey.track.OpenIncident;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retries a stopped step once the cause is fixed (a template repaired, SMTP back): the step gets
 * its retries back and the engine tries it again. If it fails again, a new incident shows.
 */
@Service
public class IncidentRetry {

  private final JourneyEngine engine;

  IncidentRetry(JourneyEngine engine) {
    this.engine = engine;
  }

  /** False when the incident was already resolved (by someone else, or another replica). */
  @Transactional
  public boolean retry(OpenIncident incident) {
    return engine.retryStep(incident.jobKey());
  }
}
