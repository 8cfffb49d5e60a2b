package dev.cairn.engine.journey.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Cairn drives journeys on the engine.
 *
 * @param messageTtl how long Cairn keeps an event for a contact who is about to wait for it (an
 *     event may arrive while the contact is still in the step before the wait)
 * @param dispatchBatch most events one dispatcher handles per database transaction (at most one per
 *     contact); larger batches mean fewer commits under a burst, but hold their contacts longer
 * @param dispatchers threads handing events to journeys; events of one contact are still handled
 *     one after another, in the order they were stored
 */
@ConfigurationProperties("cairn.runtime")
public record RuntimeProperties(Duration messageTtl, int dispatchBatch, int dispatchers) {

  public RuntimeProperties {
    messageTtl = messageTtl == null ? Duration.ofMinutes(5) : messageTtl;
    dispatchBatch = dispatchBatch <= 0 ? 20 : dispatchBatch;
    dispatchers = dispatchers <= 0 ? 4 : dispatchers;
  }
}
