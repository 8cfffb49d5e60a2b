package dev.cairn.engine.duplicate;

import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactMetrics;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListMembership;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a duplicate contact into the one that stays, on a marketer's word: first what the merge
 * would move and which value wins, then the merge itself, checked again under lock. A merge that
 * cannot be done is refused with the reason and changes nothing.
 */
@Service
public class DuplicateMerges {

  /** The event on the remaining contact's timeline. */
  public static final String CONTACT_MERGED = "Contact Merged";

  private static final String EMPTY = "(empty)";
  private static final Logger log = LoggerFactory.getLogger(DuplicateMerges.class);

  private final Contacts contacts;
  private final Consents consents;
  private final ContactLists lists;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final EventIngestion events;

  DuplicateMerges(
      Contacts contacts,
      Consents consents,
      ContactLists lists,
      JdbcClient jdbc,
      Clock clock,
      EventIngestion events) {
    this.events = events;
    this.contacts = contacts;
    this.consents = consents;
    this.lists = lists;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What merging {@code merged} into {@code survivor} would do, or why it cannot be done. */
  @Transactional(readOnly = true)
  public MergeCheck preview(ContactId merged, ContactId survivor) {
    if (merged.equals(survivor)) {
      return refused(
          MergeRefusal.Reason.SAME_CONTACT,
          "A contact cannot be merged into itself: pick the other contact to keep.");
    }
    Optional<ContactProfile> gone = contacts.find(merged);
    Optional<ContactProfile> kept = contacts.find(survivor);
    if (gone.isEmpty() || kept.isEmpty()) {
      return refused(
          MergeRefusal.Reason.NO_SUCH_CONTACT,
          "Contact "
              + (gone.isEmpty() ? merged : survivor)
              + " is not in Cairn (any more): it may have been deleted.");
    }
    // Asked by an id merged earlier, find answers with the contact it went into.
    if (!gone.get().id().equals(merged)) {
      return refused(
          MergeRefusal.Reason.ALREADY_MERGED,
          "This contact was merged into " + gone.get().displayName() + " already.");
    }
    if (!kept.get().id().equals(survivor)) {
      return refused(
          MergeRefusal.Reason.ALREADY_MERGED,
          "The contact to keep was merged into "
              + kept.get().displayName()
              + " already: keep "
              + kept.get().displayName()
              + " instead.");
    }
    String keptUser = kept.get().externalId();
    String goneUser = gone.get().externalId();
    if (keptUser != null && goneUser != null && !keptUser.equals(goneUser)) {
      return refused(
          MergeRefusal.Reason.TWO_USER_IDS,
          "Both contacts have a user id ("
              + keptUser
              + " and "
              + goneUser
              + "), so your own systems know them as two people."
              + " After a merge, events sent for "
              + goneUser
              + " would start a new contact. Merge the accounts where the user"
              + " ids come from, or keep both contacts.");
    }
    return new MergeCheck.Possible(previewOf(gone.get(), kept.get()));
  }

  /**
   * Merges {@code merged} into {@code survivor} as {@code by} (the console user), or says why not.
   */
  @Transactional
  public MergeResult merge(ContactId merged, ContactId survivor, String by) {
    lockInIdOrder(merged, survivor);
    return switch (preview(merged, survivor)) {
      case MergeCheck.Refused refused -> new MergeResult.Refused(refused.refusal());
      case MergeCheck.Possible possible -> {
        contacts.merge(merged, survivor, clock.instant());
        recordOnTimeline(possible.preview(), by);
        log.info("{} merged contact {} into {}", by, merged, survivor);
        yield new MergeResult.Merged(possible.preview());
      }
    };
  }

  /**
   * The contact that stays keeps a line of what became of the other, who merged it and what came
   * along.
   */
  private void recordOnTimeline(MergePreview merge, String by) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("merged_contact_id", merge.merged().id().toString());
    properties.put("merged_contact", merge.merged().displayName());
    properties.put("by", by);
    properties.put("events", merge.events());
    properties.put("messages", merge.messages());
    events.record(
        merge.survivor().id(), CONTACT_MERGED, properties, "merge:" + merge.merged().id());
  }

  /** Both rows, always in the same order, so two merges of the same pair cannot deadlock. */
  private void lockInIdOrder(ContactId first, ContactId second) {
    jdbc.sql("select id from contact where id in (:ids) order by id for update")
        .param("ids", List.of(first.value(), second.value()))
        .query(UUID.class)
        .list();
  }

  private MergePreview previewOf(ContactProfile merged, ContactProfile survivor) {
    Set<String> survivorLists =
        lists.listsOf(survivor.id()).stream()
            .map(ListMembership::listId)
            .collect(Collectors.toSet());
    List<String> joined = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    for (ListMembership membership : lists.listsOf(merged.id())) {
      (survivorLists.contains(membership.listId()) ? shared : joined).add(membership.listName());
    }
    Map<ConsentChannel, Consent> survivorConsent = consents.of(survivor.id());
    Map<ConsentChannel, Consent> mergedConsent = consents.of(merged.id());
    List<ConsentChoice> consentChoices = new ArrayList<>();
    for (ConsentChannel channel : ConsentChannel.values()) {
      if (survivorConsent.containsKey(channel) || mergedConsent.containsKey(channel)) {
        consentChoices.add(
            new ConsentChoice(channel, survivorConsent.get(channel), mergedConsent.get(channel)));
      }
    }
    ContactMetrics survivorMetrics = contacts.metrics(survivor.id()).orElseThrow();
    ContactMetrics mergedMetrics = contacts.metrics(merged.id()).orElseThrow();
    BigDecimal revenue = survivorMetrics.totalRevenue().add(mergedMetrics.totalRevenue());
    return new MergePreview(
        merged,
        survivor,
        count("contact_event", merged.id()),
        count("message", merged.id()),
        count("enrollment", merged.id()),
        joined,
        shared,
        consentChoices,
        fields(merged, survivor),
        survivorMetrics.orderCount() + mergedMetrics.orderCount(),
        revenue);
  }

  /**
   * Every attribute either contact has, in the contact page's order, then traits by name, then
   * tags.
   */
  private List<MergeField> fields(ContactProfile merged, ContactProfile survivor) {
    List<MergeField> fields = new ArrayList<>();
    fields.add(MergeField.of("Email", survivor.email(), merged.email(), true));
    fields.add(MergeField.of("Phone", survivor.phone(), merged.phone(), false));
    fields.add(MergeField.of("First name", survivor.firstName(), merged.firstName(), false));
    fields.add(MergeField.of("Last name", survivor.lastName(), merged.lastName(), false));
    fields.add(MergeField.of("User id", survivor.externalId(), merged.externalId(), false));
    fields.add(MergeField.of("Anonymous id", survivor.anonymousId(), merged.anonymousId(), false));
    fields.add(MergeField.of("Time zone", survivor.timeZone(), merged.timeZone(), false));
    fields.add(MergeField.of("Locale", survivor.locale(), merged.locale(), false));
    Set<String> traits = new TreeSet<>(survivor.traits().keySet());
    traits.addAll(merged.traits().keySet());
    for (String trait : traits) {
      // A trait the survivor has stays even when its value is empty: the merge joins traits key by
      // key.
      Object own =
          survivor.traits().containsKey(trait)
              ? Objects.requireNonNullElse(survivor.traits().get(trait), EMPTY)
              : null;
      fields.add(MergeField.of(trait, own, merged.traits().get(trait), false));
    }
    fields.add(MergeField.tags(contacts.tags(survivor.id()), contacts.tags(merged.id())));
    return fields.stream().filter(field -> field.after() != null).toList();
  }

  private long count(String table, ContactId contact) {
    return jdbc.sql("select count(*) from " + table + " where contact_id = :id")
        .param("id", contact.value())
        .query(Long.class)
        .single();
  }

  private static MergeCheck refused(MergeRefusal.Reason reason, String message) {
    return new MergeCheck.Refused(new MergeRefusal(reason, message));
  }
}
