package dev.cairn.engine.journey.check;

import dev.cairn.engine.journey.language.Entry;
import dev.cairn.engine.journey.language.EntrySchedule;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point: exactly one, a plain start (Cairn starts contacts itself), and either a trigger
 * event, a schedule (with an optional audience segment), or neither (the journey starts through the
 * API only).
 */
final class EntryChecks {

  private final Process process;

  EntryChecks(Process process) {
    this.process = process;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    // Start events inside sub-processes start those sub-processes, not the journey.
    List<StartEvent> starts = List.copyOf(process.getChildElementsByType(StartEvent.class));
    if (starts.isEmpty()) {
      problems.add(
          new Problem(
              process.getId(),
              "The journey has no entry point; add one and connect it to the first step."));
    }
    for (StartEvent extra : starts.stream().skip(1).toList()) {
      problems.add(
          new Problem(
              extra.getId(),
              Label.quoted(extra)
                  + " is a second entry point, but a journey has exactly one; delete it, or make it a journey of its own."));
    }
    for (StartEvent start : starts) {
      if (!start.getEventDefinitions().isEmpty()) {
        problems.add(
            new Problem(
                start.getId(),
                "The entry point must be a plain start; set its trigger event instead."));
      }
      Entry entry = Entry.of(start);
      String trigger = entry.triggerEvent();
      String schedule = entry.schedule();
      if (schedule != null && EntrySchedule.parse(schedule).isEmpty()) {
        problems.add(
            new Problem(
                start.getId(),
                "The schedule \""
                    + schedule.strip()
                    + "\" is not a cron expression like 0 9 * * MON (minute, hour, day of month, month,"
                    + " day of week: Mondays at 9:00 in each contact's time zone)."));
      }
      if (schedule != null && trigger != null) {
        problems.add(
            new Problem(
                start.getId(),
                "The entry point has both a trigger event and a schedule; a journey starts on one of them, so remove the other."));
      }
      if (entry.segment() != null && schedule == null) {
        problems.add(
            new Problem(
                start.getId(),
                "The entry point names an audience segment but no schedule; add a schedule, or remove the segment."));
      }
      if (trigger != null && trigger.isBlank()) {
        problems.add(
            new Problem(
                start.getId(),
                "The entry point's trigger event is empty; name the event that starts the journey (e.g. Signed Up), or remove it to"
                    + " start the journey only through the API."));
      }
    }
    return problems;
  }
}
