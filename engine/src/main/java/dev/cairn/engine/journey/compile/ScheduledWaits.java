package dev.cairn.engine.journey.compile;

import dev.cairn.engine.journey.check.Label;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.language.CairnSettings;
import dev.cairn.engine.journey.language.WaitUntil;
import dev.cairn.engine.schedule.ScheduleStep;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.TimeDate;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Compiles "wait until" timers ({@link WaitUntil}): a step before the timer works out the moment
 * for the contact, and the timer waits for that date.
 */
final class ScheduledWaits {

  private final BpmnModelInstance model;
  private final List<Problem> problems;

  ScheduledWaits(BpmnModelInstance model, List<Problem> problems) {
    this.model = model;
    this.problems = problems;
  }

  void compile() {
    for (IntermediateCatchEvent wait :
        List.copyOf(model.getModelElementsByType(IntermediateCatchEvent.class))) {
      Map<String, String> settings = CairnSettings.of(wait);
      String until = settings.get(WaitUntil.UNTIL);
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
        dev.cairn.engine.schedule.WaitUntil.parse(
            until, settings.get(WaitUntil.OFFSET), settings.get(WaitUntil.AT));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(wait.getId(), "\"" + Label.of(wait) + "\": " + e.getMessage()));
        continue;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("timer", wait.getId());
      headers.put("until", until);
      if (settings.get(WaitUntil.OFFSET) != null) {
        headers.put("offset", settings.get(WaitUntil.OFFSET));
      }
      if (settings.get(WaitUntil.AT) != null) {
        headers.put("at", settings.get(WaitUntil.AT));
      }
      StepInsertion.before(
          model,
          wait,
          "-schedule",
          "-scheduled",
          "Schedule " + Label.of(wait),
          WaitUntil.STEP_TYPE,
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
