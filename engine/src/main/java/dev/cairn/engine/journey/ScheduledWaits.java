package dev.cairn.engine.journey;

import dev.cairn.engine.schedule.ScheduleStep;
import dev.cairn.engine.schedule.WaitUntil;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.TimeDate;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Compiles "wait until" timers ({@code cairn:wait-until}, with optional {@code cairn:wait-offset}
 * and {@code cairn:wait-at}): a step before the timer works out the moment for the contact, and the
 * timer waits for that date.
 */
final class ScheduledWaits {

  static final String UNTIL = "cairn:wait-until";
  static final String OFFSET = "cairn:wait-offset";
  static final String AT = "cairn:wait-at";

  private final BpmnModelInstance model;
  private final List<Problem> problems;

  ScheduledWaits(BpmnModelInstance model, List<Problem> problems) {
    this.model = model;
    this.problems = problems;
  }

  void compile() {
    for (IntermediateCatchEvent wait :
        List.copyOf(model.getModelElementsByType(IntermediateCatchEvent.class))) {
      Map<String, String> settings = JourneyCompiler.cairnProperties(wait);
      String until = settings.get(UNTIL);
      List<TimerEventDefinition> timers =
          List.copyOf(wait.getChildElementsByType(TimerEventDefinition.class));
      if (until == null) {
        continue;
      }
      if (timers.isEmpty()) {
        problems.add(
            new Problem(
                wait.getId(),
                "\""
                    + Label.of(wait)
                    + "\" has a \"wait until\" setting but is not a timer; make it a timer."));
        continue;
      }
      try {
        WaitUntil.parse(until, settings.get(OFFSET), settings.get(AT));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(wait.getId(), "\"" + Label.of(wait) + "\": " + e.getMessage()));
        continue;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("timer", wait.getId());
      headers.put("until", until);
      if (settings.get(OFFSET) != null) {
        headers.put("offset", settings.get(OFFSET));
      }
      if (settings.get(AT) != null) {
        headers.put("at", settings.get(AT));
      }
      StepInsertion.before(
          model,
          wait,
          "-schedule",
          "-scheduled",
          "Schedule " + Label.of(wait),
          ScheduleStep.TYPE,
          headers);
      TimerEventDefinition timer = timers.getFirst();
      // The step decides when the wait ends; any duration or date drawn on the timer gives way.
      for (ModelElementInstance child :
          java.util.Arrays.asList(
              timer.getTimeDuration(), timer.getTimeCycle(), timer.getTimeDate())) {
        if (child != null) {
          timer.removeChildElement(child);
        }
      }
      TimeDate date = model.newInstance(TimeDate.class);
      date.setTextContent("${" + ScheduleStep.variable(wait.getId()) + "}");
      timer.setTimeDate(date);
    }
  }
}
