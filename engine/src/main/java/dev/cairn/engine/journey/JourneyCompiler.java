package dev.cairn.engine.journey;

import dev.cairn.engine.step.StepHandler;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimeDuration;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns a journey diagram into BPMN Zeebe executes: checks it, wires every "wait for event" to
 * the contact it belongs to, and applies the configured longest wait.
 *
 * <p>Cairn settings live in {@code zeebe:property} entries named {@code cairn:*} (for example
 * {@code cairn:trigger-event} on the start event), so the diagram also opens in Camunda Modeler.
 */
@Component
public class JourneyCompiler {

  static final String TRIGGER_EVENT = "cairn:trigger-event";
  static final String CONTACT_CORRELATION = "=contactId";

  private final Map<String, StepHandler> steps;
  private final @Nullable Duration longestWait;

  JourneyCompiler(List<StepHandler> steps, JourneyProperties properties) {
    this.steps = steps.stream().collect(Collectors.toMap(StepHandler::type, Function.identity()));
    this.longestWait = properties.longestWait();
  }

  public CompileResult compile(String sourceXml) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(sourceXml.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      return reject(null, "The diagram is not valid BPMN XML: " + rootMessage(e));
    }
    List<Process> processes =
        model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
    if (processes.size() != 1) {
      return reject(null, "A journey needs exactly one executable process, found " + processes.size() + ".");
    }
    Process process = processes.getFirst();
    List<Problem> problems = new ArrayList<>();

    String triggerEvent = triggerEvent(process, problems);
    EntryRule entryRule = entryRule(process, problems);
    Map<String, String> triggerFilter = triggerFilter(process, problems);
    checkSteps(model, problems);
    new GraphChecks(model, process, problems).check();
    new DecisionNodes(model, problems).compile(process);
    new ScheduledWaits(model, problems).compile();
    Set<String> awaitedEvents = wireEventWaits(model, problems);
    capWaits(model, problems);

    if (!problems.isEmpty()) {
      return new CompileResult.Rejected(problems);
    }
    String name = process.getName() == null || process.getName().isBlank() ? process.getId() : process.getName();
    return new CompileResult.Compiled(
        new CompiledJourney(process.getId(), name, triggerEvent, awaitedEvents, Bpmn.convertToString(model), entryRule, triggerFilter));
  }

  private static @Nullable String triggerEvent(Process process, List<Problem> problems) {
    List<StartEvent> starts = process.getChildElementsByType(StartEvent.class).stream().toList();
    if (starts.size() != 1) {
      problems.add(new Problem(process.getId(), "A journey needs exactly one entry point, found " + starts.size() + "."));
      return null;
    }
    StartEvent start = starts.getFirst();
    if (!start.getEventDefinitions().isEmpty()) {
      problems.add(new Problem(start.getId(), "The entry point must be a plain start; set its trigger event instead."));
    }
    String trigger = cairnProperties(start).get(TRIGGER_EVENT);
    if (trigger != null && trigger.isBlank()) {
      problems.add(
          new Problem(
              start.getId(),
              "The entry point's trigger event is empty; name the event that starts the journey (e.g. Signed Up), or remove it to"
                  + " start the journey only through the API."));
      return null;
    }
    return trigger == null ? null : trigger.strip();
  }

  static final String TRIGGER_WHERE = "cairn:trigger-where";

  /** {@code plan=Pro, segment_id=vip}: the trigger event must have these property values. */
  private static Map<String, String> triggerFilter(Process process, List<Problem> problems) {
    List<StartEvent> starts = process.getChildElementsByType(StartEvent.class).stream().toList();
    if (starts.size() != 1) {
      return Map.of();
    }
    String where = cairnProperties(starts.getFirst()).get(TRIGGER_WHERE);
    Map<String, String> filter = new java.util.LinkedHashMap<>();
    if (where == null || where.isBlank()) {
      return filter;
    }
    for (String condition : where.split(",")) {
      String[] parts = condition.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        problems.add(
            new Problem(
                starts.getFirst().getId(),
                "The trigger filter \"" + where.strip() + "\" is not like plan=Pro, segment_id=vip (property=value, separated by commas)."));
        return Map.of();
      }
      filter.put(parts[0].strip(), parts[1].strip());
    }
    return filter;
  }

  static final String RE_ENTRY = "cairn:re-entry";
  static final String RE_ENTRY_GAP = "cairn:re-entry-gap";

  private static EntryRule entryRule(Process process, List<Problem> problems) {
    List<StartEvent> starts = process.getChildElementsByType(StartEvent.class).stream().toList();
    if (starts.size() != 1) {
      return EntryRule.DEFAULT;
    }
    StartEvent start = starts.getFirst();
    Map<String, String> settings = cairnProperties(start);
    EntryRule.ReEntry reEntry = EntryRule.ReEntry.ONE_AT_A_TIME;
    String mode = settings.get(RE_ENTRY);
    if (mode != null) {
      switch (mode.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "once" -> reEntry = EntryRule.ReEntry.ONCE;
        case "one-at-a-time" -> reEntry = EntryRule.ReEntry.ONE_AT_A_TIME;
        case "every-time" -> reEntry = EntryRule.ReEntry.EVERY_TIME;
        default ->
            problems.add(
                new Problem(start.getId(), "Re-entry \"" + mode + "\" is not one of once, one-at-a-time or every-time."));
      }
    }
    Duration gap = null;
    String gapText = settings.get(RE_ENTRY_GAP);
    if (gapText != null) {
      try {
        gap = Duration.parse(gapText.strip());
        if (gap.isNegative() || gap.isZero()) {
          throw new DateTimeParseException("not positive", gapText, 0);
        }
      } catch (DateTimeParseException e) {
        problems.add(
            new Problem(start.getId(), "The re-entry gap \"" + gapText + "\" is not a positive duration like P30D or PT12H."));
      }
    }
    return new EntryRule(reEntry, gap);
  }

  private void checkSteps(BpmnModelInstance model, List<Problem> problems) {
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      String type = definition == null ? null : definition.getType();
      StepHandler step = type == null ? null : steps.get(type);
      if (step == null) {
        problems.add(new Problem(task.getId(), "\"" + label(task) + "\" is not a step Cairn knows (type " + type + ")."));
        continue;
      }
      Map<String, String> headers = headers(task);
      for (String required : step.requiredHeaders()) {
        String value = headers.get(required);
        if (value == null || value.isBlank()) {
          problems.add(new Problem(task.getId(), step.displayName() + " \"" + label(task) + "\" needs a " + required + "."));
        }
      }
      if (step.requiredHeaders().stream().allMatch(required -> headers.get(required) != null && !headers.get(required).isBlank())) {
        for (String problem : step.problems(headers)) {
          problems.add(new Problem(task.getId(), step.displayName() + " \"" + label(task) + "\": " + problem));
        }
      }
    }
  }

  private static Set<String> wireEventWaits(BpmnModelInstance model, List<Problem> problems) {
    Set<String> awaited = new LinkedHashSet<>();
    for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
      Message message = definition.getMessage();
      BaseElement owner = (BaseElement) definition.getParentElement();
      if (message == null || message.getName() == null || message.getName().isBlank()) {
        problems.add(new Problem(owner.getId(), "\"" + label(owner) + "\" waits for an event but does not say which."));
        continue;
      }
      awaited.add(message.getName());
      correlateByContact(model, message);
    }
    return awaited;
  }

  /** Every event a contact sends is published with the contact's id as correlation key. */
  private static void correlateByContact(BpmnModelInstance model, Message message) {
    ExtensionElements extensions = message.getExtensionElements();
    if (extensions == null) {
      extensions = model.newInstance(ExtensionElements.class);
      message.setExtensionElements(extensions);
    }
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    if (subscription == null) {
      subscription = model.newInstance(ZeebeSubscription.class);
      extensions.addChildElement(subscription);
    }
    subscription.setCorrelationKey(CONTACT_CORRELATION);
  }

  private void capWaits(BpmnModelInstance model, List<Problem> problems) {
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      TimeDuration duration = timer.getTimeDuration();
      if (duration == null) {
        continue;
      }
      String text = duration.getTextContent().strip();
      if (text.startsWith("=")) {
        continue;
      }
      try {
        Duration wait = Duration.parse(text);
        if (longestWait != null && wait.compareTo(longestWait) > 0) {
          duration.setTextContent(longestWait.toString());
        }
      } catch (DateTimeParseException e) {
        BaseElement owner = (BaseElement) timer.getParentElement();
        problems.add(
            new Problem(owner.getId(), "\"" + label(owner) + "\" has a wait of \"" + text + "\", which is not a duration like P3D or PT2H."));
      }
    }
  }

  static Map<String, String> cairnProperties(BaseElement element) {
    ZeebeProperties properties = element.getSingleExtensionElement(ZeebeProperties.class);
    Map<String, String> values = new HashMap<>();
    if (properties != null) {
      for (ZeebeProperty property : properties.getProperties()) {
        if (property.getName() != null && property.getName().startsWith("cairn:") && property.getValue() != null) {
          values.put(property.getName(), property.getValue());
        }
      }
    }
    return values;
  }

  private static Map<String, String> headers(ServiceTask task) {
    ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
    Map<String, String> values = new HashMap<>();
    if (headers != null) {
      headers.getHeaders().forEach(header -> values.put(header.getKey(), header.getValue()));
    }
    return values;
  }

  private static String label(BaseElement element) {
    if (element instanceof FlowElement flow && flow.getName() != null && !flow.getName().isBlank()) {
      return flow.getName();
    }
    return element.getId();
  }

  private static CompileResult reject(@Nullable String elementId, String message) {
    return new CompileResult.Rejected(List.of(new Problem(elementId, message)));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  /** Names of all flow elements, for showing element ids to people. */
  static Map<String, String> elementNames(String xml) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Collection<FlowElement> elements = model.getModelElementsByType(FlowElement.class);
    Map<String, String> names = new HashMap<>();
    for (FlowElement element : elements) {
      names.put(element.getId(), label(element));
    }
    return names;
  }
}
