package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A wait for an event, with a timeout: a gateway ("wait for event") whose branches are the wait for
 * the event and the timer that gives up on it.
 */
public sealed interface WaitForEvent extends NodeKind {

  /** Property values the awaited event must have ({@code plan=Pro}), on the wait for the event. */
  String EVENT_WHERE = "cairn:event-where";

  /** The gateway the contact waits at until one of its branches happens. */
  record Gateway() implements WaitForEvent {}

  /**
   * The branch that waits for the event, named by its message ({@code Order Completed}), and the
   * property values it must have, as drawn.
   */
  record Event(@Nullable String event, @Nullable String where) implements WaitForEvent {

    static boolean isOne(IntermediateCatchEvent wait) {
      return !wait.getChildElementsByType(MessageEventDefinition.class).isEmpty();
    }

    static Event of(IntermediateCatchEvent wait) {
      String event = null;
      for (MessageEventDefinition definition :
          wait.getChildElementsByType(MessageEventDefinition.class)) {
        Message message = definition.getMessage();
        if (message != null && message.getName() != null && !message.getName().isBlank()) {
          event = message.getName().strip();
        }
      }
      return new Event(event, CairnSettings.of(wait).get(EVENT_WHERE));
    }
  }

  /** The branch that gives up waiting: a timer after the gateway, with its duration as drawn. */
  record Timeout(@Nullable String duration) implements WaitForEvent {

    static boolean isOne(IntermediateCatchEvent wait) {
      return Wait.isOne(wait)
          && Paths.entering(wait).stream()
              .anyMatch(
                  flow ->
                      wait.getModelInstance()
                              .getModelElementById(flow.getAttributeValue("sourceRef"))
                          instanceof EventBasedGateway);
    }

    static Timeout of(IntermediateCatchEvent wait) {
      return new Timeout(Wait.duration(wait));
    }
  }
}
