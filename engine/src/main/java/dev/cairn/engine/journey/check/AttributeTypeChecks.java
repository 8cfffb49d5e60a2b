package dev.cairn.engine.journey.check;

import dev.cairn.engine.attribute.AttributeSchema;
import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.journey.language.Branch;
import dev.cairn.engine.journey.language.CairnSettings;
import dev.cairn.engine.journey.language.WaitUntil;
import dev.cairn.engine.schedule.WaitUntil.Anniversary;
import dev.cairn.engine.schedule.WaitUntil.OnDate;
import dev.cairn.engine.schedule.WaitUntil.TimeOfDay;
import dev.cairn.engine.segment.SegmentRule;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * Declared attributes: a branch compares each one as its type allows (numbers with numbers, dates
 * with dates), and a "wait until" waits for an attribute declared as a date. Attributes no one
 * declared have no type, so any comparison and any wait goes for them. Checked against the
 * attributes declared when the journey is published; one declared later is the branch's to refuse
 * when it runs.
 */
final class AttributeTypeChecks {

  private final BpmnModelInstance model;
  private final AttributeSchema schema;

  AttributeTypeChecks(BpmnModelInstance model, AttributeSchema schema) {
    this.model = model;
    this.schema = schema;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (schema.types().isEmpty()) {
      return problems;
    }
    // Every path the compiler reads conditions from, its branch found by id: the typed getters
    // throw for a path
    // that starts at no node.
    for (SequenceFlow path : model.getModelElementsByType(SequenceFlow.class)) {
      String condition = CairnSettings.of(path).get(Branch.CONDITION);
      String source = path.getAttributeValue("sourceRef");
      if (condition != null
          && source != null
          && model.getModelElementById(source) instanceof ExclusiveGateway branch) {
        condition(branch, path, condition, problems);
      }
    }
    for (IntermediateCatchEvent wait : model.getModelElementsByType(IntermediateCatchEvent.class)) {
      waitUntil(wait, problems);
    }
    return problems;
  }

  private void condition(
      ExclusiveGateway branch, SequenceFlow path, String condition, List<Problem> problems) {
    SegmentRule rule;
    try {
      rule = Branch.condition(condition);
    } catch (JacksonException e) {
      return; // reported where conditions are compiled
    }
    for (String mismatch : TypedConditions.mismatches(rule, schema)) {
      problems.add(
          new Problem(
              path.getId(),
              "Branch " + Label.quoted(branch) + ", path " + Label.quoted(path) + ": " + mismatch));
    }
  }

  private void waitUntil(IntermediateCatchEvent wait, List<Problem> problems) {
    Map<String, String> settings = CairnSettings.of(wait);
    String until = settings.get(WaitUntil.UNTIL);
    if (until == null || wait.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
      return;
    }
    dev.cairn.engine.schedule.WaitUntil spec;
    try {
      spec =
          dev.cairn.engine.schedule.WaitUntil.parse(
              until, settings.get(WaitUntil.OFFSET), settings.get(WaitUntil.AT));
    } catch (IllegalArgumentException e) {
      return; // reported where "wait until" is compiled
    }
    String attribute;
    String waitsFor;
    switch (spec) {
      case Anniversary anniversary -> {
        attribute = anniversary.attribute();
        waitsFor = "the anniversary of " + attribute;
      }
      case OnDate date -> {
        attribute = date.attribute();
        waitsFor = "the date in " + attribute;
      }
      case TimeOfDay time -> {
        return; // a time of day reads no attribute
      }
    }
    // One no one declared may well hold dates: the wait reads what it finds.
    AttributeType type = schema.typeOf(attribute).orElse(null);
    if (type != null && type != AttributeType.DATE) {
      problems.add(
          new Problem(
              wait.getId(),
              Label.quoted(wait)
                  + " waits until "
                  + waitsFor
                  + ", but "
                  + attribute
                  + " is "
                  + type.expected()
                  + ", not a date. Wait for "
                  + dates()
                  + " instead, or declare "
                  + attribute
                  + " as a date on the Attributes page."));
    }
  }

  /** The attributes declared as dates, as a marketer could pick one instead. */
  private String dates() {
    List<String> dates =
        schema.types().entrySet().stream()
            .filter(entry -> entry.getValue() == AttributeType.DATE)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    return switch (dates.size()) {
      case 0 -> "an attribute declared as a date";
      case 1 -> "a date attribute such as " + dates.getFirst();
      default -> "a date attribute such as " + String.join(" or ", dates.subList(0, 2));
    };
  }
}
