package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.Process;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The journey's goal and exits, set on the journey itself: the event that counts as reaching the
 * goal (the contact converts and leaves, wherever they are), and the events on which a contact
 * leaves without converting ({@code Email Unsubscribed, SMS Unsubscribed}). Settings as drawn.
 */
public record Goal(@Nullable String goalEvent, @Nullable String exitOn) implements NodeKind {

  /** The event that counts as reaching the goal. */
  public static final String GOAL_EVENT = "cairn:goal-event";

  /** The events, separated by commas, on which a contact leaves the journey. */
  public static final String EXIT_ON = "cairn:exit-on";

  /** The journey's goal and exit settings as drawn. */
  public static Goal of(Process process) {
    Map<String, String> settings = CairnSettings.of(process);
    return new Goal(settings.get(GOAL_EVENT), settings.get(EXIT_ON));
  }
}
