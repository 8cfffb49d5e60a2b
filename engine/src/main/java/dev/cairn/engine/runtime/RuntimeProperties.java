package dev.cairn.engine.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Cairn drives journeys on the engine.
 *
 * @param messageTtl how long the engine keeps an event for a contact who is about to wait for it
 *     (an event may arrive while the contact is still in the step before the wait)
 * @param dispatchBatch most events one dispatcher handles per database transaction (at most one per
 *     contact); larger batches mean fewer commits under a burst, but hold their contacts longer
 * @param jobTimeout how long a worker may hold a step before the engine hands it out again
 * @param maxJobsActive steps one worker performs at the same time
 * @param dispatchers threads handing events to journeys; events of one contact are still handled
 *     one after another, in the order they were stored
 */
@ConfigurationProperties("cairn.runtime")
public record RuntimeProperties(
    Duration messageTtl, int dispatchBatch, Duration jobTimeout, int maxJobsActive, int dispatchers) {

  public RuntimeProperties {
    messageTtl = messageTtl == null ? Duration.ofMinutes(5) : messageTtl;
    dispatchBatch = dispatchBatch <= 0 ? 20 : dispatchBatch;
    jobTimeout = jobTimeout == null ? Duration.ofMinutes(1) : jobTimeout;
    maxJobsActive = maxJobsActive <= 0 ? 32 : maxJobsActive;
    dispatchers = dispatchers <= 0 ? 4 : dispatchers;
  }
}
