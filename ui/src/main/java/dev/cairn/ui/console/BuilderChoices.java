package dev.cairn.ui.console;

import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.segment.SegmentSummary;
import dev.cairn.engine.segment.Segments;
import java.util.ArrayList;
import java.util.List;

/** What the segment builder offers to pick from: attributes, traits, events seen, other segments, lists. */
record BuilderChoices(List<String> attributes, List<String> events, List<SegmentSummary> segments, List<ContactList> lists) {

  static BuilderChoices of(Segments segments, ContactLists lists, String editedSegmentId) {
    List<String> attributes = new ArrayList<>(segments.attributes());
    segments.knownTraits().forEach(trait -> attributes.add("trait:" + trait));
    List<SegmentSummary> others = segments.list().stream().filter(s -> !s.id().equals(editedSegmentId)).toList();
    return new BuilderChoices(attributes, segments.knownEvents(), others, lists.lists());
  }
}
