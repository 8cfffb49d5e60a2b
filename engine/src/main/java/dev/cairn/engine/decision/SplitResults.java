package dev.cairn.engine.decision;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How each variant of a journey's A/B splits is doing: contacts assigned and how many of them
 * reached the split's success metric, {@code cairn:success-event} on the split (an event the
 * contact sent after being assigned), or else the journey's goal.
 */
@Service
public class SplitResults {

  // The journey language's Split.SUCCESS_EVENT and Goal.GOAL_EVENT, spelled out: the language
  // names this package's step types (Decisions.SPLIT), so reading them from there makes a cycle.
  static final String SUCCESS_EVENT = "cairn:success-event";
  static final String GOAL_EVENT = "cairn:goal-event";

  private static final TypeReference<List<SplitVariant>> VARIANTS = new TypeReference<>() {};

  /** One variant's figures; {@code metric} names what counts as a success. */
  public record Variant(
      String split,
      String splitName,
      String variant,
      int weight,
      String metric,
      long contacts,
      long successes) {
    /** Successes per contact assigned, in percent, one decimal. */
    public double rate() {
      return contacts == 0 ? 0 : Math.round(successes * 1000.0 / contacts) / 10.0;
    }
  }

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Map<String, List<Declared>> declaredByVersion = new ConcurrentHashMap<>();

  SplitResults(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * A variant as the diagram declares it: its split, its weight, its first node and its success
   * metric.
   */
  private record Declared(
      String split,
      String splitName,
      String variant,
      int weight,
      String firstNode,
      @Nullable String successEvent,
      boolean journeyHasGoal,
      String metric) {}

  /**
   * Every variant of every split in the journey's latest version, counted over all its versions.
   */
  @Transactional(readOnly = true)
  public List<Variant> of(String journeyId) {
    Optional<Integer> latest =
        jdbc.sql("select max(version) from journey_version where journey_id = :id")
            .param("id", journeyId)
            .query(Integer.class)
            .optional();
    if (latest.isEmpty()) {
      return List.of();
    }
    // The journey page asks every few seconds; a deployed version never changes, so read its
    // diagram once.
    List<Declared> declared =
        declaredByVersion.computeIfAbsent(
            journeyId + "@" + latest.get(), key -> declared(journeyId, latest.get()));
    List<Variant> results = new ArrayList<>();
    for (Declared variant : declared) {
      long[] counts =
          count(journeyId, variant.firstNode(), variant.successEvent(), variant.journeyHasGoal());
      results.add(
          new Variant(
              variant.split(),
              variant.splitName(),
              variant.variant(),
              variant.weight(),
              variant.metric(),
              counts[0],
              counts[1]));
    }
    return results;
  }

  private List<Declared> declared(String journeyId, int version) {
    String xml =
        jdbc.sql(
                "select deployed_xml from journey_version where journey_id = :id and version = :version")
            .param("id", journeyId)
            .param("version", version)
            .query(String.class)
            .single();
    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    String goal =
        property(model.getModelElementsByType(Process.class).iterator().next(), GOAL_EVENT);
    List<Declared> declared = new ArrayList<>();
    for (ServiceTask step : model.getModelElementsByType(ServiceTask.class)) {
      ZeebeTaskDefinition task = step.getSingleExtensionElement(ZeebeTaskDefinition.class);
      if (task == null || !Decisions.SPLIT.equals(task.getType())) {
        continue;
      }
      BaseElement gateway = model.getModelElementById(header(step, "gateway"));
      String successEvent = property(gateway, SUCCESS_EVENT);
      String metric =
          successEvent != null ? successEvent : goal != null ? "goal: " + goal : "reached the end";
      for (SplitVariant variant : json.readValue(header(step, "variants"), VARIANTS)) {
        SequenceFlow flow = model.getModelElementById(variant.flow());
        declared.add(
            new Declared(
                gateway.getId(),
                name(gateway),
                name(flow),
                variant.weight(),
                flow.getTarget().getId(),
                successEvent,
                goal != null,
                metric));
      }
    }
    return List.copyOf(declared);
  }

  /** Contacts who entered the variant's first node, and how many of them succeeded. */
  private long[] count(
      String journeyId, String firstNode, @Nullable String successEvent, boolean hasGoal) {
    String success =
        successEvent != null
            ? """
              exists (select 1 from enrollment e join contact_event ev on ev.contact_id = e.contact_id
                      where e.process_instance_key = v.process_instance_key and ev.name = :event and ev.occurred_at >= v.activated_at)
              """
            : hasGoal
                ? "exists (select 1 from element_instance g where g.process_instance_key = v.process_instance_key and g.element_id = 'goal-converted')"
                : "exists (select 1 from element_instance p where p.element_instance_key = v.process_instance_key and p.state = 'COMPLETED')";
    var query =
        jdbc.sql(
                "select count(distinct v.process_instance_key) as contacts,"
                    + " count(distinct v.process_instance_key) filter (where "
                    + success
                    + ") as successes"
                    + " from element_instance v where v.bpmn_process_id = :journey and v.element_id = :node")
            .param("journey", journeyId)
            .param("node", firstNode);
    if (successEvent != null) {
      query = query.param("event", successEvent);
    }
    return query
        .query((rs, row) -> new long[] {rs.getLong("contacts"), rs.getLong("successes")})
        .single();
  }

  private static String header(ServiceTask step, String key) {
    return step.getSingleExtensionElement(ZeebeTaskHeaders.class).getHeaders().stream()
        .filter(header -> key.equals(header.getKey()))
        .map(ZeebeHeader::getValue)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("split step " + step.getId() + " has no " + key));
  }

  private static @Nullable String property(BaseElement element, String name) {
    ZeebeProperties properties = element.getSingleExtensionElement(ZeebeProperties.class);
    if (properties == null) {
      return null;
    }
    return properties.getProperties().stream()
        .filter(
            property ->
                name.equals(property.getName())
                    && property.getValue() != null
                    && !property.getValue().isBlank())
        .map(ZeebeProperty::getValue)
        .map(String::strip)
        .findFirst()
        .orElse(null);
  }

  private static String name(BaseElement element) {
    String name = element instanceof FlowElement flow ? flow.getName() : null;
    return name == null || name.isBlank() ? element.getId() : name.strip();
  }
}
