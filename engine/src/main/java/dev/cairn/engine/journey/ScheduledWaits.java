package dev.cairn.engine.journey;

import dev.cairn.engine.schedule.ScheduleStep;
import dev.cairn.engine.schedule.WaitUntil;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.TimeDate;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Compiles "wait until" timers ({@code cairn:wait-until}, with optional {@code cairn:wait-offset}
 * and {@code cairn:wait-at}): a step before the timer works out the moment for the contact, and
 * the timer waits for that date.
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
    for (IntermediateCatchEvent wait : List.copyOf(model.getModelElementsByType(IntermediateCatchEvent.class))) {
      Map<String, String> settings = JourneyCompiler.cairnProperties(wait);
      String until = settings.get(UNTIL);
      List<TimerEventDefinition> timers = List.copyOf(wait.getChildElementsByType(TimerEventDefinition.class));
      if (until == null) {
        continue;
      }
      if (timers.isEmpty()) {
        problems.add(new Problem(wait.getId(), "\"" + Label.of(wait) + "\" has a \"wait until\" setting but is not a timer; make it a timer."));
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
      scheduleBefore(wait, headers);
      TimerEventDefinition timer = timers.getFirst();
      // The step decides when the wait ends; any duration or date drawn on the timer gives way.
      for (ModelElementInstance child : java.util.Arrays.asList(timer.getTimeDuration(), timer.getTimeCycle(), timer.getTimeDate())) {
        if (child != null) {
          timer.removeChildElement(child);
        }
      }
      TimeDate date = model.newInstance(TimeDate.class);
      date.setTextContent("=date and time(" + ScheduleStep.variable(wait.getId()) + ")");
      timer.setTimeDate(date);
    }
  }

  private void scheduleBefore(IntermediateCatchEvent wait, Map<String, String> headers) {
    ModelElementInstance parent = wait.getParentElement();
    ServiceTask task = model.newInstance(ServiceTask.class);
    task.setId(wait.getId() + "-schedule");
    task.setName("Schedule " + Label.of(wait));
    parent.addChildElement(task);
    ExtensionElements extensions = model.newInstance(ExtensionElements.class);
    task.setExtensionElements(extensions);
    ZeebeTaskDefinition definition = model.newInstance(ZeebeTaskDefinition.class);
    definition.setType(ScheduleStep.TYPE);
    definition.setRetries("5");
    extensions.addChildElement(definition);
    ZeebeTaskHeaders taskHeaders = model.newInstance(ZeebeTaskHeaders.class);
    extensions.addChildElement(taskHeaders);
    headers.forEach((key, value) -> {
      ZeebeHeader header = model.newInstance(ZeebeHeader.class);
      header.setKey(key);
      header.setValue(value);
      taskHeaders.addChildElement(header);
    });
    for (SequenceFlow incoming : model.getModelElementsByType(SequenceFlow.class).stream().filter(flow -> flow.getTarget() == wait).toList()) {
      wait.getIncoming().remove(incoming);
      incoming.setTarget(task);
      task.getIncoming().add(incoming);
    }
    SequenceFlow flow = model.newInstance(SequenceFlow.class);
    flow.setId(wait.getId() + "-scheduled");
    parent.addChildElement(flow);
    flow.setSource(task);
    flow.setTarget(wait);
    task.getOutgoing().add(flow);
    wait.getIncoming().add(flow);
  }
}
