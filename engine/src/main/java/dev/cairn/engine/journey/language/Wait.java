package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.TimeDuration;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A wait for a while: a timer the contact waits at, for its duration ({@code P3D}) as drawn, or
 * none if it waits until a date or draws no duration.
 */
public record Wait(@Nullable String duration) implements NodeKind {

  static boolean isOne(IntermediateCatchEvent wait) {
    return !wait.getChildElementsByType(TimerEventDefinition.class).isEmpty();
  }

  static Wait of(IntermediateCatchEvent wait) {
    return new Wait(duration(wait));
  }

  static @Nullable String duration(IntermediateCatchEvent wait) {
    for (TimerEventDefinition timer : wait.getChildElementsByType(TimerEventDefinition.class)) {
      TimeDuration duration = timer.getTimeDuration();
      if (duration != null
          && duration.getTextContent() != null
          && !duration.getTextContent().isBlank()) {
        return duration.getTextContent().strip();
      }
    }
    return null;
  }
}
