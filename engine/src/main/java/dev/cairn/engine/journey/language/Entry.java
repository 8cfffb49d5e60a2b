package dev.cairn.engine.journey.language;

import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The entry point (a plain start event): contacts enter on a trigger event (optionally only events
 * with some property values), on a schedule (optionally only an audience segment), or, with
 * neither, only through the API; the re-entry settings say how often one contact may enter.
 * Settings are as drawn, not yet judged.
 */
public record Entry(
    @Nullable String triggerEvent,
    @Nullable String triggerWhere,
    @Nullable String schedule,
    @Nullable String segment,
    @Nullable String reEntry,
    @Nullable String reEntryGap)
    implements NodeKind {

  /** The event that enters contacts ({@code Signed Up}). */
  public static final String TRIGGER_EVENT = "cairn:trigger-event";

  /** Property values the trigger event must have ({@code plan=Pro, segment_id=vip}). */
  public static final String TRIGGER_WHERE = "cairn:trigger-where";

  /** A cron expression on which contacts enter ({@code 0 9 * * MON}). */
  public static final String TRIGGER_SCHEDULE = "cairn:trigger-schedule";

  /** The audience segment a schedule enters. */
  public static final String TRIGGER_SEGMENT = "cairn:trigger-segment";

  /** {@code once}, {@code one-at-a-time} or {@code every-time}. */
  public static final String RE_ENTRY = "cairn:re-entry";

  /** How long after entering a contact may enter again ({@code P30D}). */
  public static final String RE_ENTRY_GAP = "cairn:re-entry-gap";

  /** The entry point's settings as drawn. */
  public static Entry of(StartEvent start) {
    Map<String, String> settings = CairnSettings.of(start);
    return new Entry(
        settings.get(TRIGGER_EVENT),
        settings.get(TRIGGER_WHERE),
        settings.get(TRIGGER_SCHEDULE),
        settings.get(TRIGGER_SEGMENT),
        settings.get(RE_ENTRY),
        settings.get(RE_ENTRY_GAP));
  }
}
