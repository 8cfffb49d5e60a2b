package dev.cairn.engine.duplicate;

import dev.cairn.engine.contact.ContactProfile;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What merging {@code merged} into {@code survivor} moves and how their values combine. Running
 * journeys of the merged contact go on, now counted as the survivor's; its id and page lead to the
 * survivor afterwards.
 *
 * @param events events of the merged contact that move to the survivor's timeline
 * @param messages messages sent to the merged contact that move
 * @param journeys journey enrolments (running or finished) that move
 * @param listsJoined lists only the merged contact was on: the survivor joins them
 * @param listsShared lists both were on: the survivor's membership stays
 * @param fields every attribute either contact has, with the value after the merge
 * @param orders the order count after the merge (the two added up)
 * @param revenue the revenue after the merge (the two added up)
 */
public record MergePreview(
    ContactProfile merged,
    ContactProfile survivor,
    long events,
    long messages,
    long journeys,
    List<String> listsJoined,
    List<String> listsShared,
    List<ConsentChoice> consents,
    List<MergeField> fields,
    int orders,
    BigDecimal revenue) {

  public MergePreview {
    Objects.requireNonNull(merged, "merged");
    Objects.requireNonNull(survivor, "survivor");
    if (merged.id().equals(survivor.id())) {
      throw new IllegalArgumentException("a contact is not merged into itself: " + merged.id());
    }
    if (events < 0 || messages < 0 || journeys < 0 || orders < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
    listsJoined = List.copyOf(listsJoined);
    listsShared = List.copyOf(listsShared);
    consents = List.copyOf(consents);
    fields = List.copyOf(fields);
    Objects.requireNonNull(revenue, "revenue");
  }

  /**
   * The attributes whose value after the merge is the survivor's own where the merged contact had
   * another.
   */
  public List<MergeField> conflicts() {
    return fields.stream()
        .filter(field -> field.resolution() == MergeField.Resolution.SURVIVOR_WINS)
        .toList();
  }
}
