package dev.cairn.engine.runtime;

import dev.cairn.engine.journey.JourneyLibrary;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings journeys up once the application is ready, in the background so the console is usable
 * while the engine starts: installs the library, deploys every published journey (unchanged ones
 * keep their version), then starts feeding events.
 */
@Component
class RuntimeStartup {

  private static final Logger log = LoggerFactory.getLogger(RuntimeStartup.class);

  private final JourneyLibrary library;
  private final Journeys journeys;
  private final EventDispatcher dispatcher;

  RuntimeStartup(JourneyLibrary library, Journeys journeys, EventDispatcher dispatcher) {
    this.library = library;
    this.journeys = journeys;
    this.dispatcher = dispatcher;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    Thread.ofPlatform().name("cairn-startup").daemon().start(this::bringUp);
  }

  @EventListener(ContextClosedEvent.class)
  void onClose() {
    dispatcher.stop();
  }

  private void bringUp() {
    try {
      library.install();
      for (String id : journeys.publishedIds()) {
        if (journeys.publish(id) instanceof PublishResult.Rejected rejected) {
          log.error("Journey {} no longer compiles: {}", id, rejected.problems());
        }
      }
      dispatcher.start();
      log.info("Journeys are running");
    } catch (RuntimeException e) {
      log.error("Journeys could not start; events are stored and will be handled after the next start", e);
    }
  }
}
