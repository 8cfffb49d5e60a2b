package dev.cairn.engine.journey.check;

import dev.cairn.engine.journey.language.CairnSettings;
import dev.cairn.engine.journey.language.WaitUntil;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.util.time.Interval;
import io.camunda.zeebe.model.bpmn.util.time.RepeatingInterval;
import io.camunda.zeebe.model.bpmn.util.time.TimeDateTimer;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * Waits: a "wait for event" names its event and gives up after a while; a timer says how long,
 * until when or how often, in a form the engine reads (ISO-8601, or a FEEL expression starting with
 * {@code =}, which only the engine can judge).
 */
final class WaitChecks {

  private final BpmnModelInstance model;
  private final JourneyGraph graph;

  WaitChecks(BpmnModelInstance model, JourneyGraph graph) {
    this.model = model;
    this.graph = graph;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    for (FlowNode node : graph.nodes()) {
      if (node instanceof IntermediateCatchEvent wait && isMessage(wait) && waitsForever(wait)) {
        problems.add(
            new Problem(
                wait.getId(),
                Label.quoted(wait)
                    + " waits for an event forever; put it behind a \"wait for event\" gateway with a timeout."));
      }
    }
    for (MessageEventDefinition definition :
        model.getModelElementsByType(MessageEventDefinition.class)) {
      Message message = definition.getMessage();
      if (isWaiting(definition.getParentElement())
          && (message == null || message.getName() == null || message.getName().isBlank())) {
        BaseElement owner = (BaseElement) definition.getParentElement();
        problems.add(
            new Problem(
                owner.getId(),
                Label.quoted(owner)
                    + " waits for an event but does not say which; name the event, e.g. Order Completed."));
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      if (isWaiting(timer.getParentElement())
          && !CairnSettings.of((BaseElement) timer.getParentElement())
              .containsKey(WaitUntil.UNTIL)) {
        String problem = timerProblem(timer);
        if (problem != null) {
          BaseElement owner = (BaseElement) timer.getParentElement();
          problems.add(new Problem(owner.getId(), Label.quoted(owner) + " " + problem));
        }
      }
    }
    return problems;
  }

  /** Where a contact waits: the journey cannot move on past it by itself. */
  static boolean isWait(FlowNode node) {
    return switch (node) {
      case IntermediateCatchEvent event -> isMessage(event) || isTimer(event);
      case BoundaryEvent event -> isMessage(event) || isTimer(event);
      case EventBasedGateway gateway -> true;
      case ReceiveTask task -> true;
      default -> false;
    };
  }

  static boolean isTimer(CatchEvent event) {
    return !event.getChildElementsByType(TimerEventDefinition.class).isEmpty();
  }

  static boolean isMessage(CatchEvent event) {
    return !event.getChildElementsByType(MessageEventDefinition.class).isEmpty();
  }

  /**
   * Only a "wait for event" gateway gives a message wait its timeout (a catch event has no
   * boundary).
   */
  private boolean waitsForever(IntermediateCatchEvent wait) {
    List<SequenceFlow> incoming = graph.incoming(wait);
    return !incoming.isEmpty()
        && !incoming.stream().allMatch(flow -> graph.source(flow) instanceof EventBasedGateway);
  }

  /** Catch events wait; a start event's definition is reported as not being a plain start. */
  private static boolean isWaiting(ModelElementInstance owner) {
    return owner instanceof CatchEvent && !(owner instanceof StartEvent);
  }

  private static @Nullable String timerProblem(TimerEventDefinition timer) {
    String duration = text(timer.getTimeDuration());
    String date = text(timer.getTimeDate());
    String cycle = text(timer.getTimeCycle());
    if (duration == null && date == null && cycle == null) {
      return "does not say how long to wait; give it a duration like P3D or PT2H, or a date.";
    }
    if (cycle != null && timer.getParentElement() instanceof IntermediateCatchEvent) {
      return "repeats, but a wait ends only once; give it a duration like P3D or a date instead.";
    }
    if (duration != null && !duration.startsWith("=")) {
      return durationProblem(duration);
    }
    if (date != null && !date.startsWith("=")) {
      return dateProblem(date);
    }
    if (cycle != null && !cycle.startsWith("=")) {
      return cycleProblem(cycle);
    }
    return null;
  }

  private static @Nullable String durationProblem(String text) {
    Interval wait;
    try {
      wait = Interval.parse(text);
    } catch (DateTimeParseException e) {
      return "has a wait of \"" + text + "\", which is not a duration like P3D or PT2H.";
    }
    if (isNegative(wait)) {
      return "has a wait of \"" + text + "\", which is negative; use a duration like P3D or PT2H.";
    }
    if (wait.getPeriod().isZero() && wait.getDuration().isZero()) {
      return "has a wait of \""
          + text
          + "\", which is no wait at all; use a duration like P3D or PT2H.";
    }
    return null;
  }

  private static @Nullable String dateProblem(String text) {
    try {
      TimeDateTimer.parse(text);
      return null;
    } catch (DateTimeParseException e) {
      return "waits until \""
          + text
          + "\", which is not a date and time like 2026-03-01T09:00:00Z; write the date, the time and the time zone"
          + " (Z for UTC).";
    }
  }

  /** The engine reads ISO-8601 repetitions (R3/P1D) and cron expressions (0 0 9 * * MON). */
  private static @Nullable String cycleProblem(String text) {
    try {
      if (text.startsWith("R")) {
        RepeatingInterval.parse(text);
      } else {
        CronExpression.parse(text);
      }
      return null;
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return "repeats on \""
          + text
          + "\", which is not a cycle like R3/P1D (three times, a day apart) or 0 0 9 * * MON (Mondays at"
          + " nine).";
    }
  }

  static boolean isNegative(Interval interval) {
    Period period = interval.getPeriod();
    Duration duration = interval.getDuration();
    return period.getYears() < 0
        || period.getMonths() < 0
        || period.getDays() < 0
        || duration.isNegative();
  }

  private static @Nullable String text(@Nullable ModelElementInstance expression) {
    if (expression == null
        || expression.getTextContent() == null
        || expression.getTextContent().isBlank()) {
      return null;
    }
    return expression.getTextContent().strip();
  }
}
