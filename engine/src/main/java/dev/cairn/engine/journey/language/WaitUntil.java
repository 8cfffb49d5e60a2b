package dev.cairn.engine.journey.language;

import dev.cairn.engine.schedule.ScheduleStep;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A wait until a moment of the contact's own: the date in an attribute ({@code date in
 * renewal_date}), an anniversary ({@code anniversary of birthday}) or a time of day ({@code 09:00
 * on MON,WED,FRI}), read by {@link dev.cairn.engine.schedule.WaitUntil}. Drawn as a timer; a step
 * before it works out the moment for each contact.
 */
public record WaitUntil(String until, @Nullable String offset, @Nullable String at)
    implements NodeKind {

  /** What the wait waits until. */
  public static final String UNTIL = "cairn:wait-until";

  /** How long before or after the date ({@code -P7D}: a week before). */
  public static final String OFFSET = "cairn:wait-offset";

  /** The time of day a date wait ends at (09:00 by default). */
  public static final String AT = "cairn:wait-at";

  /** The step that works out when the wait ends, put before the timer by the compiler. */
  public static final String STEP_TYPE = ScheduleStep.TYPE;

  static boolean isOne(IntermediateCatchEvent wait) {
    return CairnSettings.of(wait).containsKey(UNTIL);
  }

  static WaitUntil of(IntermediateCatchEvent wait) {
    Map<String, String> settings = CairnSettings.of(wait);
    return new WaitUntil(settings.get(UNTIL), settings.get(OFFSET), settings.get(AT));
  }
}
