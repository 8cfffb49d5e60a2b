package dev.cairn.engine.journey.language;

import dev.cairn.engine.segment.SegmentRefresh;
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

  /**
   * How contacts enter, as the settings say. Settings the checks refuse read as their nearest
   * meaning: a schedule wins over a trigger event, and a filter that cannot be read filters
   * nothing.
   */
  public Trigger trigger() {
    if (schedule != null) {
      return new Trigger.OnSchedule(
          schedule.strip(), segment == null || segment.isBlank() ? null : segment.strip());
    }
    if (triggerEvent == null) {
      return new Trigger.ThroughApi();
    }
    Map<String, String> where =
        triggerWhere == null
            ? Map.of()
            : EventFilter.parse(triggerWhere).map(EventFilter::wanted).orElse(Map.of());
    String event = triggerEvent.strip();
    return event.equals(SegmentRefresh.ENTERED)
        ? new Trigger.OnSegment(where.get(SEGMENT_ID))
        : new Trigger.OnEvent(event, where);
  }

  /** The event property a "Segment Entered" trigger filters on to name its segment. */
  public static final String SEGMENT_ID = "segment_id";

  /** What enters contacts into the journey. */
  public sealed interface Trigger {

    /** An event the contact sends, with the property values it must have. */
    record OnEvent(String event, Map<String, String> where) implements Trigger {
      public OnEvent {
        where = Map.copyOf(where);
      }
    }

    /** Entering a segment (none: any segment), which Cairn sends as a "Segment Entered" event. */
    record OnSegment(@Nullable String segmentId) implements Trigger {}

    /** A cron schedule, entering a segment's members (none: everyone) each time it fires. */
    record OnSchedule(String cron, @Nullable String segmentId) implements Trigger {}

    /** Nothing in the journey: contacts are entered through the API only. */
    record ThroughApi() implements Trigger {}
  }

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
