package dev.cairn.engine.journey.compile;

import dev.cairn.engine.journey.language.EntryRule;
import dev.cairn.engine.journey.language.EntrySchedule;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A diagram turned into BPMN Zeebe can execute.
 *
 * @param triggerEvent the event that enrols a contact, null when contacts enter only by API
 * @param awaitedEvents event names some "wait for event" node of this journey listens for
 * @param entryRule who may enter again
 * @param triggerFilter event properties the trigger event must have ({@code plan=Pro}); empty: any
 * @param schedule when contacts enter on a schedule instead of an event
 */
public record CompiledJourney(
    String id,
    String name,
    @Nullable String triggerEvent,
    Set<String> awaitedEvents,
    String executableXml,
    EntryRule entryRule,
    Map<String, String> triggerFilter,
    @Nullable EntrySchedule schedule) {

  public CompiledJourney {
    awaitedEvents = Set.copyOf(awaitedEvents);
    triggerFilter = Map.copyOf(triggerFilter);
  }
}
