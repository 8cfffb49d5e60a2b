package dev.cairn.engine.runtime;

import dev.cairn.engine.journey.JourneyLibrary;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings journeys up once the application is ready, in the background so the console is usable
 * while the engine starts: installs the library, deploys every published journey (unchanged ones
 * keep their version; the deploy waits for the engine to answer), then opens the step workers,
 * starts feeding events and finishes any move of waiting contacts a stop cut short.
 */
@Component
class RuntimeStartup {

  private static final Logger log = LoggerFactory.getLogger(RuntimeStartup.class);

  private final JourneyLibrary library;
  private final Journeys journeys;
  private final EventDispatcher dispatcher;
  private final StepWorkers workers;
  private final ScheduledEntries schedules;
  private final WaitingMoves moves;
  private volatile boolean closing;

  RuntimeStartup(
      JourneyLibrary library,
      Journeys journeys,
      EventDispatcher dispatcher,
      StepWorkers workers,
      ScheduledEntries schedules,
      WaitingMoves moves) {
    this.library = library;
    this.journeys = journeys;
    this.dispatcher = dispatcher;
    this.workers = workers;
    this.schedules = schedules;
    this.moves = moves;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    Thread.ofPlatform().name("cairn-startup").daemon().start(this::bringUp);
  }

  @EventListener(ContextClosedEvent.class)
  void onClose() {
    closing = true;
    schedules.stop();
    dispatcher.stop();
  }

  /** Keeps trying until the engine answers: a broker still booting or a cluster briefly away is normal. */
  private void bringUp() {
    Duration retryIn = Duration.ofSeconds(5);
    while (!closing) {
      try {
        library.install();
        for (String id : journeys.publishedIds()) {
          if (journeys.publish(id) instanceof PublishResult.Rejected rejected) {
            log.error("Journey {} no longer compiles: {}", id, rejected.problems());
          }
        }
        workers.start();
        dispatcher.start();
        schedules.start();
        int finished = moves.finishCutShort();
        if (finished > 0) {
          log.info("Finished {} moves of waiting contacts that were cut short", finished);
        }
        log.info("Journeys are running");
        return;
      } catch (RuntimeException e) {
        log.error("Journeys cannot start yet ({}); events are stored meanwhile. Retrying in {}", e.getMessage(), retryIn);
        try {
          Thread.sleep(retryIn);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
