package dev.cairn.ui.console;

import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.segment.AttributeOperator;
import dev.cairn.engine.segment.SegmentSummary;
import dev.cairn.engine.segment.Segments;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the segment builder offers to pick from: attributes (declared and seen traits among them),
 * the operators that compare each, events seen, other segments, lists.
 */
public record BuilderChoices(
    List<String> attributes,
    Map<String, List<AttributeOperator>> operators,
    List<String> events,
    List<SegmentSummary> segments,
    List<ContactList> lists) {

  public BuilderChoices {
    attributes = List.copyOf(attributes);
    operators = Map.copyOf(operators);
  }

  public static BuilderChoices of(Segments segments, ContactLists lists, String editedSegmentId) {
    Set<String> attributes = new LinkedHashSet<>(segments.attributes());
    attributes.addAll(segments.declaredTraits());
    segments.knownTraits().forEach(trait -> attributes.add("trait:" + trait));
    List<SegmentSummary> others =
        segments.list().stream().filter(s -> !s.id().equals(editedSegmentId)).toList();
    return new BuilderChoices(
        List.copyOf(attributes),
        segments.operatorsFor(attributes),
        segments.knownEvents(),
        others,
        lists.lists());
  }

  /** The operators for an attribute; all of them for a name typed by hand that is not known yet. */
  List<AttributeOperator> operatorsOf(String attribute) {
    return operators.getOrDefault(attribute.strip(), List.of(AttributeOperator.values()));
  }
}
