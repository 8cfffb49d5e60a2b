package dev.cairn.engine.journey.compile;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.journey.JourneyProperties;
import dev.cairn.engine.journey.check.JourneyGraph;
import dev.cairn.engine.journey.check.JourneyValidator;
import dev.cairn.engine.journey.check.Label;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.language.CairnSettings;
import dev.cairn.engine.journey.language.Entry;
import dev.cairn.engine.journey.language.EntryRule;
import dev.cairn.engine.journey.language.EntrySchedule;
import dev.cairn.engine.journey.language.EventFilter;
import dev.cairn.engine.journey.language.WaitForEvent;
import dev.cairn.engine.step.StepHandler;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimeDuration;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.util.time.Interval;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a journey diagram into BPMN the engine executes: checks it, compiles the marketing nodes
 * the engine has no element for, and applies the configured longest wait. Events for a journey's
 * waits are handed to the instance by its correlation key (journey and contact, or a test run's
 * key), which the instance is started with.
 *
 * <p>The journey language (each kind of node and its {@code cairn:} settings) is {@code
 * journey.language}'s.
 */
@Component
public class JourneyCompiler {

  /** Appended to the journey's process id for its test-run process. */
  public static final String TEST_RUN_SUFFIX = ".test-run";

  private final JourneyValidator validator;
  private final Supplier<AttributeSchema> schema;
  private final @Nullable Duration longestWait;
  private final Duration testRunWait;

  @Autowired
  JourneyCompiler(List<StepHandler> steps, JourneyProperties properties, Attributes attributes) {
    this(steps, properties, attributes::schema);
  }

  /**
   * {@code schema} is read at every compile: a marketer may have declared an attribute a moment
   * ago, on any replica.
   */
  public JourneyCompiler(
      List<StepHandler> steps, JourneyProperties properties, Supplier<AttributeSchema> schema) {
    this.validator =
        new JourneyValidator(
            steps.stream().collect(Collectors.toMap(StepHandler::type, Function.identity())));
    this.schema = schema;
    this.longestWait = properties.longestWait();
    this.testRunWait = properties.testRunWait();
  }

  /** The journey as it runs for real contacts once published. */
  public CompileResult compile(String sourceXml) {
    return compile(sourceXml, false);
  }

  /**
   * The journey as a test run executes it: checked exactly as for publishing, but as a process of
   * its own ({@code <id>.test-run}), with every wait cut to the test-run wait and every "wait for
   * event" listening to the test run instead of the contact.
   */
  public CompileResult compileTestRun(String sourceXml) {
    return compile(sourceXml, true);
  }

  private CompileResult compile(String sourceXml, boolean testRun) {
    BpmnModelInstance model;
    try {
      model =
          Bpmn.readModelFromStream(
              new ByteArrayInputStream(sourceXml.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      return new CompileResult.Rejected(DiagramSyntax.explain(sourceXml, e));
    }
    List<Process> processes =
        model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
    if (processes.size() != 1) {
      return reject(
          null,
          processes.isEmpty()
              ? "A journey needs exactly one executable process, found 0; mark the journey's process as executable."
              : "A journey needs exactly one executable process, found "
                  + processes.size()
                  + "; keep one journey per diagram.");
    }
    Process process = processes.getFirst();
    JourneyGraph graph = new JourneyGraph(process);
    AttributeSchema declared = schema.get();
    List<Problem> problems = new ArrayList<>(validator.check(model, process, graph, declared));
    if (!graph.wellFormed()) {
      return new CompileResult.Rejected(
          problems); // compiling follows every path, which needs both its ends
    }

    EntryRule entryRule = entryRule(process, problems);
    Map<String, String> triggerFilter = triggerFilter(process, problems);
    listPaths(process);
    new DecisionNodes(model, problems, declared).compile(process);
    new ScheduledWaits(model, problems).compile();
    filterEventWaits(model, problems);
    Set<String> awaitedEvents = awaitedEvents(model);
    capWaits(model, testRun ? testRunWait : longestWait);

    if (!problems.isEmpty()) {
      return new CompileResult.Rejected(problems);
    }
    if (testRun) {
      process.setId(process.getId() + TEST_RUN_SUFFIX);
    }
    String name =
        process.getName() == null || process.getName().isBlank()
            ? process.getId()
            : process.getName();
    return new CompileResult.Compiled(
        new CompiledJourney(
            process.getId(),
            name,
            triggerEvent(process),
            awaitedEvents,
            Bpmn.convertToString(model),
            entryRule,
            triggerFilter,
            schedule(process)));
  }

  /**
   * The event that enters contacts, or none for a journey started through the API; checked by the
   * entry checks.
   */
  private static @Nullable String triggerEvent(Process process) {
    StartEvent start = process.getChildElementsByType(StartEvent.class).iterator().next();
    String trigger = Entry.of(start).triggerEvent();
    return trigger == null ? null : trigger.strip();
  }

  /** The schedule that enters contacts, if the journey has one; checked by the entry checks. */
  private static @Nullable EntrySchedule schedule(Process process) {
    List<StartEvent> starts = process.getChildElementsByType(StartEvent.class).stream().toList();
    if (starts.size() != 1) {
      return null;
    }
    return Entry.of(starts.getFirst()).trigger() instanceof Entry.Trigger.OnSchedule schedule
            && EntrySchedule.parse(schedule.cron()).isPresent()
        ? new EntrySchedule(schedule.cron(), schedule.segmentId())
        : null;
  }

  /** {@code plan=Pro, segment_id=vip}: the trigger event must have these property values. */
  private static Map<String, String> triggerFilter(Process process, List<Problem> problems) {
    List<StartEvent> starts = process.getChildElementsByType(StartEvent.class).stream().toList();
    if (starts.size() != 1) {
      return Map.of();
    }
    String where = Entry.of(starts.getFirst()).triggerWhere();
    // Only separators ("," say) name no property: no filter, as an empty setting.
    if (where == null || where.replace(",", "").isBlank()) {
      return Map.of();
    }
    Optional<EventFilter> filter = EventFilter.parse(where);
    if (filter.isEmpty()) {
      problems.add(
          new Problem(
              starts.getFirst().getId(),
              "The trigger filter \""
                  + where.strip()
                  + "\" is not like plan=Pro, segment_id=vip (property=value, separated by commas)."));
      return Map.of();
    }
    return filter.get().wanted();
  }

  private static EntryRule entryRule(Process process, List<Problem> problems) {
    List<StartEvent> starts = process.getChildElementsByType(StartEvent.class).stream().toList();
    if (starts.size() != 1) {
      return EntryRule.DEFAULT;
    }
    StartEvent start = starts.getFirst();
    Entry entry = Entry.of(start);
    EntryRule.ReEntry reEntry = EntryRule.ReEntry.ONE_AT_A_TIME;
    String mode = entry.reEntry();
    if (mode != null) {
      switch (mode.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "once" -> reEntry = EntryRule.ReEntry.ONCE;
        case "one-at-a-time" -> reEntry = EntryRule.ReEntry.ONE_AT_A_TIME;
        case "every-time" -> reEntry = EntryRule.ReEntry.EVERY_TIME;
        default ->
            problems.add(
                new Problem(
                    start.getId(),
                    "Re-entry \"" + mode + "\" is not one of once, one-at-a-time or every-time."));
      }
    }
    Duration gap = null;
    String gapText = entry.reEntryGap();
    if (gapText != null) {
      try {
        gap = Duration.parse(gapText.strip());
        if (gap.isNegative() || gap.isZero()) {
          throw new DateTimeParseException("not positive", gapText, 0);
        }
      } catch (DateTimeParseException e) {
        problems.add(
            new Problem(
                start.getId(),
                "The re-entry gap \""
                    + gapText
                    + "\" is not a positive duration like P30D or PT12H."));
      }
    }
    return new EntryRule(reEntry, gap);
  }

  /**
   * Writes each path into its nodes' incoming / outgoing lists. The engine reads a node's paths
   * from those lists (a "wait for event" with none has no branches), and diagrams written by hand
   * often leave them out.
   */
  private static void listPaths(Process process) {
    for (SequenceFlow flow : process.getChildElementsByType(SequenceFlow.class)) {
      if (!flow.getSource().getOutgoing().contains(flow)) {
        flow.getSource().getOutgoing().add(flow);
      }
      if (!flow.getTarget().getIncoming().contains(flow)) {
        flow.getTarget().getIncoming().add(flow);
      }
    }
  }

  /**
   * A "wait for event" with {@code cairn:event-where} ({@code plan=Pro}) listens to a message of
   * its own, named for the event and the filter, which Cairn publishes only for events that pass.
   */
  private static void filterEventWaits(BpmnModelInstance model, List<Problem> problems) {
    for (CatchEvent wait : model.getModelElementsByType(CatchEvent.class)) {
      String where = CairnSettings.of(wait).get(WaitForEvent.EVENT_WHERE);
      if (where == null) {
        continue;
      }
      Optional<EventFilter> filter = EventFilter.parse(where);
      if (filter.isEmpty()) {
        problems.add(
            new Problem(
                wait.getId(),
                Label.quoted(wait)
                    + " waits for events with \""
                    + where.strip()
                    + "\", which is not like plan=Pro, segment_id=vip (property=value, separated by commas)."));
        continue;
      }
      for (MessageEventDefinition definition :
          wait.getChildElementsByType(MessageEventDefinition.class)) {
        Message shared = definition.getMessage();
        if (shared == null || shared.getName() == null || shared.getName().isBlank()) {
          continue; // reported by WaitChecks
        }
        Message own = model.newInstance(Message.class);
        own.setId(wait.getId() + "-filtered-message");
        own.setName(filter.get().messageName(shared.getName().strip()));
        model.getDefinitions().addChildElement(own);
        definition.setMessage(own);
      }
    }
  }

  /** The events the journey's waits listen for; unnamed ones are reported by the wait checks. */
  private static Set<String> awaitedEvents(BpmnModelInstance model) {
    Set<String> awaited = new LinkedHashSet<>();
    for (MessageEventDefinition definition :
        model.getModelElementsByType(MessageEventDefinition.class)) {
      Message message = definition.getMessage();
      if (message != null && message.getName() != null && !message.getName().isBlank()) {
        awaited.add(message.getName());
      }
    }
    return awaited;
  }

  /**
   * Shortens waits to the longest one allowed; waits that cannot be read are reported by the wait
   * checks.
   */
  private static void capWaits(BpmnModelInstance model, @Nullable Duration longestWait) {
    if (longestWait == null) {
      return;
    }
    // Months and years have no fixed length: compare where both waits would end from one date.
    ZonedDateTime from = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      TimeDuration duration = timer.getTimeDuration();
      String text =
          duration == null || duration.getTextContent() == null
              ? ""
              : duration.getTextContent().strip();
      if (text.isEmpty() || text.startsWith("=")) {
        continue;
      }
      Interval wait;
      try {
        wait = Interval.parse(text);
      } catch (DateTimeParseException e) {
        continue; // reported by WaitChecks; the journey is rejected
      }
      if (from.plus(wait).isAfter(from.plus(longestWait))) {
        duration.setTextContent(longestWait.toString());
      }
    }
  }

  private static CompileResult reject(@Nullable String elementId, String message) {
    return new CompileResult.Rejected(List.of(new Problem(elementId, message)));
  }

  /** Names of all flow elements, for showing element ids to people. */
  public static Map<String, String> elementNames(String xml) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Collection<FlowElement> elements = model.getModelElementsByType(FlowElement.class);
    Map<String, String> names = new HashMap<>();
    for (FlowElement element : elements) {
      names.put(element.getId(), Label.of(element));
    }
    return names;
  }
}
