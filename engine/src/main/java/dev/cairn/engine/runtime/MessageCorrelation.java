package dev.cairn.engine.runtime;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.journey.EventFilter;
import dev.cairn.engine.journey.WaitCorrelation;
import dev.cairn.engine.zeebe.EngineCommands;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
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
  private final CamundaClient client;
  private final EngineCommands commands;
  private final RuntimeProperties properties;

  MessageCorrelation(
      Enrollments enrollments,
      Contacts contacts,
      CamundaClient client,
      EngineCommands commands,
      RuntimeProperties properties) {
    this.enrollments = enrollments;
    this.contacts = contacts;
    this.client = client;
    this.commands = commands;
    this.properties = properties;
  }

  /**
   * Publishes the event to the engine if it can matter, under its own name and under every
   * filtered wait it passes ({@code Order Completed|plan=Pro}); returns whether it did.
   */
  boolean onEvent(StoredEvent event) {
    if (event.name() == null) {
      return false;
    }
    List<Enrollments.AwaitedMessage> messages =
        enrollments.awaitedMessages(event.contactId(), event.name(), event.id()).stream()
            .filter(message -> message.name().equals(event.name())
                || EventFilter.ofMessageName(event.name(), message.name()).map(filter -> filter.accepts(event.properties())).orElse(false))
            .toList();
    if (messages.isEmpty()) {
      return false;
    }
    Map<String, Object> lastEvent = EventVariables.of(event.name(), event.properties(), event.occurredAt());
    // Journeys a merged-away contact was in still wait under its old id.
    List<ContactId> keys = contacts.idsOf(event.contactId());
    Set<String> published = new HashSet<>();
    for (Enrollments.AwaitedMessage message : messages) {
      for (ContactId key : keys) {
        String correlationKey = message.keyedByJourney() ? WaitCorrelation.key(message.journeyId(), key) : key.toString();
        if (published.add(message.name() + "\n" + correlationKey)) {
          publish(event, message.name(), correlationKey, lastEvent);
        }
      }
    }
    return true;
  }

  private void publish(StoredEvent event, String messageName, String correlationKey, Map<String, Object> lastEvent) {
    try {
      commands.execute(
          "publish " + event.name() + " for " + correlationKey,
          () ->
              client
                  .newPublishMessageCommand()
                  .messageName(messageName)
                  .correlationKey(correlationKey)
                  .messageId(messageName.equals(event.name()) ? event.messageId() : event.messageId() + "|" + messageName)
                  .timeToLive(properties.messageTtl())
                  .variables(Map.of("lastEvent", lastEvent))
                  .send());
    } catch (ClientStatusException e) {
      // The same message id was published before (a redelivery after a crash): already done.
      if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      log.debug("Event {} was already published", event.messageId());
    }
  }
}
