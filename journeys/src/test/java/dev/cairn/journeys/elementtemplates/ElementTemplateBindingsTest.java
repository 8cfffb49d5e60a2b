package dev.cairn.journeys.elementtemplates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.decision.Decisions;
import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.compile.CompileResult;
import dev.cairn.engine.journey.language.EntryRule;
import dev.cairn.engine.schedule.ScheduleStep;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.journeys.elementtemplates.ElementTemplate.Field;
import dev.cairn.journeys.elementtemplates.TemplateJourneys.Journey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The templates write only what Cairn reads: job types of steps it runs, the headers those steps
 * need, and {@code cairn:} settings the compiler acts on. Each setting is proven read by giving it
 * a value the compiler must refuse, so renaming a setting in the compiler (or in a template) fails
 * here rather than in a marketer's journey that silently ignores it.
 */
class ElementTemplateBindingsTest {

  /**
   * Steps the compiler inserts itself (before branches, splits and "wait until"): nobody draws
   * them.
   */
  private static final Set<String> COMPILER_STEPS =
      Set.of(Decisions.BRANCH, Decisions.SPLIT, ScheduleStep.TYPE);

  /**
   * Steps being built as these templates ship. Their templates are checked against the step's
   * handler as soon as one is on the classpath.
   */
  private static final Set<String> STEPS_IN_THE_MAKING = Set.of();

  /** Headers a step reads when they are given and does without otherwise. */
  private static final Map<String, Set<String>> OPTIONAL_HEADERS =
      Map.of(
          "cairn.webhook",
          Set.of("timeout"),
          "cairn.update-contact",
          Set.of("source"),
          "cairn.email",
          Set.of("confirmation", "topic"),
          "cairn.sms",
          Set.of("shorten-links"));

  /** For every {@code cairn:} setting a template writes, a value the compiler must refuse. */
  private static final Map<String, String> UNREADABLE =
      Map.ofEntries(
          Map.entry("cairn:trigger-event", " "),
          Map.entry("cairn:trigger-where", "plan"),
          Map.entry("cairn:trigger-schedule", "every monday"),
          Map.entry("cairn:trigger-segment", "vip"),
          Map.entry("cairn:re-entry", "twice"),
          Map.entry("cairn:re-entry-gap", "soon"),
          Map.entry("cairn:wait-until", "whenever"),
          Map.entry("cairn:wait-offset", "a week before"),
          Map.entry("cairn:wait-at", "noon"),
          Map.entry("cairn:condition", "plan is Pro"),
          Map.entry("cairn:weight", "half"),
          Map.entry("cairn:goal-event", " "),
          Map.entry("cairn:exit-on", " , "),
          Map.entry("cairn:event-where", "plan is Pro"));

  private final CairnSteps cairn = CairnSteps.get();

  @Test
  void every_step_a_marketer_can_draw_has_a_template() {
    Set<String> drawable = new TreeSet<>(cairn.handlers().keySet());
    drawable.removeAll(COMPILER_STEPS);

    assertThat(drawable)
        .as("steps found on the classpath")
        .contains("cairn.email", "cairn.sms", "cairn.update-contact");
    assertThat(jobTypes()).containsAll(drawable);
  }

  @Test
  void every_step_template_is_a_step_cairn_runs_or_one_being_built() {
    for (String type : jobTypes()) {
      assertThat(cairn.handlers().containsKey(type) || STEPS_IN_THE_MAKING.contains(type))
          .as("a step of type %s", type)
          .isTrue();
      assertThat(COMPILER_STEPS).doesNotContain(type);
    }
  }

  @Test
  void a_step_template_asks_for_exactly_the_headers_its_step_needs() {
    for (ElementTemplate template : ElementTemplate.shipped()) {
      String type = template.jobType().orElse(null);
      StepHandler step = type == null ? null : cairn.handler(type).orElse(null);
      if (step == null) {
        continue; // no step yet (see STEPS_IN_THE_MAKING)
      }
      List<Field> headers = template.fields("zeebe:taskHeader");
      Set<String> required =
          headers.stream().filter(Field::required).map(Field::name).collect(Collectors.toSet());
      Set<String> optional =
          headers.stream()
              .filter(header -> !header.required())
              .map(Field::name)
              .collect(Collectors.toSet());

      assertThat(required)
          .as("headers %s requires", template.id())
          .isEqualTo(step.requiredHeaders());
      assertThat(OPTIONAL_HEADERS.getOrDefault(type, Set.of()))
          .as("optional headers of %s", template.id())
          .containsAll(optional);
    }
  }

  @Test
  void every_journey_node_kind_has_a_template() {
    assertThat(templatesFor("bpmn:StartEvent", null, "cairn:trigger-event"))
        .as("entry trigger")
        .isNotEmpty();
    for (String type :
        List.of(
            "cairn.email",
            "cairn.sms",
            "cairn.update-contact",
            "cairn.list",
            "cairn.webhook",
            "cairn.notify")) {
      assertThat(
              ElementTemplate.shipped().stream()
                  .filter(template -> template.jobType().orElse("").equals(type)))
          .as("step %s", type)
          .isNotEmpty();
    }
    assertThat(templatesFor("bpmn:IntermediateCatchEvent", "bpmn:TimerEventDefinition", null))
        .as("wait and wait until")
        .hasSize(2);
    assertThat(
            templatesFor(
                "bpmn:IntermediateCatchEvent", "bpmn:TimerEventDefinition", "cairn:wait-until"))
        .as("wait until")
        .hasSize(1);
    assertThat(templatesFor("bpmn:IntermediateCatchEvent", "bpmn:MessageEventDefinition", null))
        .as("wait for event")
        .hasSize(1);
    assertThat(templatesFor("bpmn:SequenceFlow", null, "cairn:condition"))
        .as("branch path")
        .hasSize(1);
    assertThat(templatesFor("bpmn:SequenceFlow", null, "cairn:weight"))
        .as("A/B split path")
        .hasSize(1);
    assertThat(templatesFor("bpmn:Process", null, "cairn:goal-event")).as("goal").hasSize(1);
  }

  @Test
  void every_element_template_is_offered_when_changing_an_element_it_applies_to() {
    for (ElementTemplate template : ElementTemplate.shipped()) {
      assertThat(template.appliesTo()).as(template.id()).isNotEmpty();
      boolean flowNode =
          !template.appliesTo().contains("bpmn:SequenceFlow")
              && !template.appliesTo().contains("bpmn:Process");
      if (flowNode) {
        // The Modeler's "change element" and "append" menus list templates by the element they
        // make.
        assertThat(template.elementType()).as("element type of %s", template.id()).isNotNull();
      }
    }
  }

  @Test
  void every_cairn_setting_a_template_writes_is_one_the_compiler_reads() {
    Set<String> written = new TreeSet<>();
    for (ElementTemplate template : ElementTemplate.shipped()) {
      for (Field setting : template.fields("zeebe:property")) {
        written.add(setting.name());
        assertThat(UNREADABLE)
            .as("a value the compiler must refuse for %s", setting.name())
            .containsKey(setting.name());
        Journey journey = TemplateJourneys.around(template, Map.of());
        assertThat(compile(journey))
            .as("%s with its own values", template.id())
            .isInstanceOf(CompileResult.Compiled.class);

        CompileResult refused =
            compile(
                TemplateJourneys.around(
                    template, Map.of(setting.name(), UNREADABLE.get(setting.name()))));

        assertThat(refused)
            .as("%s = \"%s\" in %s", setting.name(), UNREADABLE.get(setting.name()), template.id())
            .isInstanceOf(CompileResult.Rejected.class);
        assertThat(((CompileResult.Rejected) refused).problems())
            .extracting(Problem::elementId)
            .contains(journey.element());
      }
    }
    assertThat(written).isEqualTo(new TreeSet<>(UNREADABLE.keySet()));
  }

  @Test
  void the_re_entry_dropdown_offers_every_rule_the_compiler_knows() {
    ElementTemplate trigger = ElementTemplate.shipped("dev.cairn.entry-trigger");
    Set<EntryRule.ReEntry> offered = new TreeSet<>();
    for (String choice : trigger.field("zeebe:property", "cairn:re-entry").choices()) {
      CompileResult result =
          compile(TemplateJourneys.around(trigger, Map.of("cairn:re-entry", choice)));
      assertThat(result).as(choice).isInstanceOf(CompileResult.Compiled.class);
      offered.add(((CompileResult.Compiled) result).journey().entryRule().reEntry());
    }

    assertThat(offered).containsExactlyInAnyOrder(EntryRule.ReEntry.values());
  }

  @Test
  void the_update_contact_choices_are_what_a_journey_may_set() {
    List<String> choices =
        ElementTemplate.shipped("dev.cairn.update-contact")
            .field("zeebe:taskHeader", "attribute")
            .choices();

    assertThat(choices)
        .allSatisfy(choice -> assertThat(Contacts.unsettable(choice)).as(choice).isEmpty());
    assertThat(choices).containsAll(Contacts.SETTABLE).contains("tag", "untag");
  }

  /** Values a template field's pattern must let through, and values it must stop. */
  private record Samples(List<String> accepted, List<String> refused) {}

  /** Per field name (header key, setting, timer property). */
  private static final Map<String, Samples> SAMPLES =
      Map.of(
          "cairn:re-entry-gap",
          new Samples(
              List.of("P30D", "PT12H", "P1DT6H", "PT90M"), List.of("30 days", "P1M", "P1W", "P")),
          "timeDuration",
          new Samples(
              List.of("P3D", "PT2H", "P1W", "P1M", "P1Y2M", "=duration(\"P1D\")"),
              List.of("3 days", "1D", "P", "PT")),
          "cairn:wait-offset",
          new Samples(List.of("-P7D", "P1D", "P1M", "-P1Y"), List.of("7 days before", "-7D")),
          "cairn:wait-at",
          new Samples(List.of("09:00", "9:00", "18:30"), List.of("9am", "25:00", "09:60")),
          "cairn:weight",
          new Samples(List.of("0", "1", "50", "100"), List.of("50%", "101", "-1", "1.5")),
          "attribute",
          new Samples(List.of("trait:plan", "trait:lifetime_value"), List.of("plan", "email")),
          "url",
          new Samples(
              List.of("https://crm.example.com/hooks/cairn", "http://localhost:8081/hook"),
              List.of("crm.example.com", "")),
          "timeout",
          new Samples(List.of("PT10S", "PT1M", "PT0.5S"), List.of("10s", "P1M")),
          "to",
          new Samples(
              List.of(
                  "sales@example.com",
                  "first.last+leads@example.co.uk",
                  "sales@example.com, Lead@Example.com"),
              List.of(
                  "sales",
                  "sales@",
                  "a b@example.com",
                  "sales@example.com; lead@example.com",
                  "sales@example.com, bob@")));

  @Test
  void a_value_a_template_field_accepts_is_one_cairn_accepts_and_the_other_way_round() {
    Set<String> sampled = new TreeSet<>();
    for (ElementTemplate template : ElementTemplate.shipped()) {
      for (Field field : template.fields()) {
        if (field.pattern() == null) {
          continue;
        }
        assertThat(SAMPLES)
            .as("samples for %s of %s", field.name(), template.id())
            .containsKey(field.name());
        sampled.add(field.name());
        List<String> accepted = SAMPLES.get(field.name()).accepted();
        List<String> refused = SAMPLES.get(field.name()).refused();
        // Until a step exists there is nobody to ask but the template.
        boolean compilable =
            template.jobType().map(type -> cairn.handler(type).isPresent()).orElse(true);
        boolean judgedByCairn =
            compilable
                && template.jobType().map(type -> !STEPS_IN_THE_MAKING.contains(type)).orElse(true);
        for (String value : accepted) {
          assertThat(field.accepts(value))
              .as("%s of %s accepts \"%s\"", field.name(), template.id(), value)
              .isTrue();
          if (compilable) {
            assertThat(compile(TemplateJourneys.around(template, sample(field, value))))
                .as("%s = \"%s\"", field.name(), value)
                .isInstanceOf(CompileResult.Compiled.class);
          }
        }
        for (String value : refused) {
          assertThat(field.accepts(value))
              .as("%s of %s refuses \"%s\"", field.name(), template.id(), value)
              .isFalse();
          if (judgedByCairn) {
            assertThat(compile(TemplateJourneys.around(template, sample(field, value))))
                .as("%s = \"%s\"", field.name(), value)
                .isInstanceOf(CompileResult.Rejected.class);
          }
        }
      }
    }
    assertThat(sampled).isEqualTo(SAMPLES.keySet());
  }

  /** One field's value; the other path of a split takes the rest of the 100%. */
  private static Map<String, String> sample(Field field, String value) {
    Map<String, String> values = new HashMap<>();
    values.put(field.name(), value);
    if (field.name().equals("cairn:weight")) {
      values.put(
          "other-weight",
          value.matches("\\d{1,3}") && Integer.parseInt(value) <= 100
              ? String.valueOf(100 - Integer.parseInt(value))
              : "50");
    }
    return values;
  }

  private CompileResult compile(Journey journey) {
    return cairn.compiler().compile(journey.diagram().xml());
  }

  private static Set<String> jobTypes() {
    return ElementTemplate.shipped().stream()
        .flatMap(template -> template.jobType().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<ElementTemplate> templatesFor(
      String element, String eventDefinition, String setting) {
    return ElementTemplate.shipped().stream()
        .filter(
            template ->
                element.equals(template.elementType()) || template.appliesTo().contains(element))
        .filter(
            template ->
                eventDefinition == null || eventDefinition.equals(template.eventDefinition()))
        .filter(
            template ->
                setting == null
                    || template.fields("zeebe:property").stream()
                        .anyMatch(field -> field.name().equals(setting)))
        .toList();
  }
}
