package dev.cairn.engine.journey.run;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.journey.WaitCorrelation;
import dev.cairn.engine.journey.language.EventFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands events to the journeys waiting for them. An event reaches the engine only when one of the
 * contact's active journeys can wait for it, so ingestion scales with the database, not the engine.
 */
@Component
class MessageCorrelation {

  private static final Logger log = LoggerFactory.getLogger(MessageCorrelation.class);

  private final Enrollments enrollments;
  private final Contacts contacts;
  private final JourneyEngine engine;
  private final AwaitedEvents buffer;

  MessageCorrelation(
      Enrollments enrollments, Contacts contacts, JourneyEngine engine, AwaitedEvents buffer) {
    this.enrollments = enrollments;
    this.contacts = contacts;
    this.engine = engine;
    this.buffer = buffer;
  }

  /**
   * Hands the event to the contact's waits if it can matter, under its own name and under every
   * filtered wait it passes ({@code Order Completed|plan=Pro}); returns whether it could. An event
   * no wait takes yet (the contact is still in the step before it) is kept for a while.
   */
  boolean onEvent(StoredEvent event) {
    if (event.name() == null) {
      return false;
    }
    List<Enrollments.AwaitedMessage> messages =
        enrollments.awaitedMessages(event.contactId(), event.name(), event.id()).stream()
            .filter(
                message ->
                    message.name().equals(event.name())
                        || EventFilter.ofMessageName(event.name(), message.name())
                            .map(filter -> filter.accepts(event.properties()))
                            .orElse(false))
            .toList();
    if (messages.isEmpty()) {
      return false;
    }
    Map<String, Object> lastEvent =
        EventVariables.of(event.name(), event.properties(), event.occurredAt());
    // Journeys a merged-away contact was in still wait under its old id.
    List<ContactId> keys = contacts.idsOf(event.contactId());
    Set<String> published = new HashSet<>();
    for (Enrollments.AwaitedMessage message : messages) {
      for (ContactId key : keys) {
        String correlationKey =
            message.keyedByJourney()
                ? WaitCorrelation.key(message.journeyId(), key)
                : key.toString();
        if (published.add(message.name() + "\n" + correlationKey)) {
          publish(event, message.name(), correlationKey, lastEvent);
        }
      }
    }
    return true;
  }

  private void publish(
      StoredEvent event, String messageName, String correlationKey, Map<String, Object> lastEvent) {
    if (engine.correlate(messageName, correlationKey, Map.of("lastEvent", lastEvent)) == 0) {
      log.debug("Event {} kept for a contact about to wait for {}", event.id(), messageName);
      buffer.keep(event.id(), messageName, correlationKey, lastEvent);
    }
  }
}
