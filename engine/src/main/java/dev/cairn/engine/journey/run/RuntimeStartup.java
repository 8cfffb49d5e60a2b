package dev.cairn.engine.journey.run;

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
 * meanwhile: installs the library, deploys every published journey (unchanged ones keep their
 * version), then starts performing steps and firing timers, feeding events and handing kept events
 * to the waits that begin.
 */
@Component
class RuntimeStartup {

  private static final Logger log = LoggerFactory.getLogger(RuntimeStartup.class);

  private final JourneyLibrary library;
  private final Journeys journeys;
  private final EventDispatcher dispatcher;
  private final JourneyEngine engine;
  private final ScheduledEntries schedules;
  private final AwaitedEvents awaited;
  private Thread handOver;
  private volatile boolean closing;

  RuntimeStartup(
      JourneyLibrary library,
      Journeys journeys,
      EventDispatcher dispatcher,
      JourneyEngine engine,
      ScheduledEntries schedules,
      AwaitedEvents awaited) {
    this.library = library;
    this.journeys = journeys;
    this.dispatcher = dispatcher;
    this.engine = engine;
    this.schedules = schedules;
    this.awaited = awaited;
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
    if (handOver != null) {
      handOver.interrupt();
    }
    engine.stopWork();
  }

  /** Keeps trying until the database answers: one briefly away at start is normal. */
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
        engine.startWork();
        dispatcher.start();
        schedules.start();
        handOver =
            Thread.ofPlatform().name("cairn-kept-events").daemon().start(this::handOverKeptEvents);
        log.info("Journeys are running");
        return;
      } catch (RuntimeException e) {
        log.error(
            "Journeys cannot start yet ({}); events are stored meanwhile. Retrying in {}",
            e.getMessage(),
            retryIn,
            e);
        try {
          Thread.sleep(retryIn);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Kept events wait at most this long after their wait begins. */
  private static final Duration HAND_OVER_EVERY = Duration.ofMillis(250);

  private void handOverKeptEvents() {
    while (!closing) {
      try {
        awaited.handOver();
        Thread.sleep(HAND_OVER_EVERY);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Kept events wait: {}", e.getMessage());
        try {
          Thread.sleep(Duration.ofSeconds(1));
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }
}
