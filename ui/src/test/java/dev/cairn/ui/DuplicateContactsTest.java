package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.duplicate.ConsentChoice;
import dev.cairn.engine.duplicate.DuplicateContacts;
import dev.cairn.engine.duplicate.DuplicateGroup;
import dev.cairn.engine.duplicate.DuplicateMerges;
import dev.cairn.engine.duplicate.DuplicateRule;
import dev.cairn.engine.duplicate.MergeCheck;
import dev.cairn.engine.duplicate.MergeField;
import dev.cairn.engine.duplicate.MergePreview;
import dev.cairn.engine.duplicate.MergeRefusal;
import dev.cairn.engine.duplicate.MergeResult;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListChange;
import dev.cairn.engine.list.ListMembership;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Possible duplicates as PostgreSQL finds them, and merging one contact into another on a
 * marketer's word.
 */
class DuplicateContactsTest extends CairnIntegrationTest {

  @Autowired DuplicateContacts duplicates;
  @Autowired DuplicateMerges merges;
  @Autowired Contacts contacts;
  @Autowired Consents consents;
  @Autowired ContactLists lists;
  @Autowired JdbcClient jdbc;

  @Test
  void
      contacts_sharing_an_email_in_other_capitals_a_phone_or_a_name_at_a_company_domain_are_possible_duplicates() {
    String domain = domain();
    ContactId ann =
        identify(
            "{\"userId\":\"%s\",\"traits\":{\"email\":\"Ann.Lee@%s\",\"firstName\":\"Ann\",\"lastName\":\"Lee\"}}",
            user(), domain);
    ContactId annAgain =
        track(
            "{\"anonymousId\":\"%s\",\"event\":\"Product Viewed\",\"traits\":{\"email\":\"ann.lee@%s\"}}",
            user(), domain);
    String phone = phone();
    ContactId carl =
        identify(
            "{\"userId\":\"%s\",\"traits\":{\"phone\":\"%s\",\"email\":\"carl@%s\"}}",
            user(), phone, domain);
    ContactId carlAgain =
        identify("{\"userId\":\"%s\",\"traits\":{\"phone\":\"%s\"}}", user(), phone);
    ContactId bob =
        identify(
            "{\"userId\":\"%s\",\"traits\":{\"email\":\"bob.ray@%s\",\"firstName\":\"Bob\",\"lastName\":\"Ray\"}}",
            user(), domain);
    ContactId bobAgain =
        identify(
            "{\"userId\":\"%s\",\"traits\":{\"email\":\"b.ray@%s\",\"firstName\":\"bob \",\"lastName\":\"RAY\"}}",
            user(), domain);
    // The same email and the same phone: one group, under the stronger rule.
    String jonPhone = phone();
    ContactId jon =
        identify(
            "{\"userId\":\"%s\",\"traits\":{\"email\":\"jon@%s\",\"phone\":\"%s\"}}",
            user(), domain, jonPhone);
    ContactId jonAgain =
        identify(
            "{\"userId\":\"%s\",\"traits\":{\"email\":\"JON@%s\",\"phone\":\"%s\"}}",
            user(), domain, jonPhone);
    // Two people called the same at a webmail provider are not a match.
    String surname = "Fox" + UUID.randomUUID().toString().substring(0, 6);
    identify(
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"cy.%s@gmail.com\",\"firstName\":\"Cy\",\"lastName\":\"%s\"}}",
        user(), surname, surname);
    identify(
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"cy%s@gmail.com\",\"firstName\":\"Cy\",\"lastName\":\"%s\"}}",
        user(), surname, surname);
    identify(
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"dee@%s\",\"firstName\":\"Dee\",\"lastName\":\"Lee\"}}",
        user(), domain);

    List<DuplicateGroup> all = duplicates.groups(0, 10_000);

    List<DuplicateGroup> found =
        all.stream()
            .filter(
                group ->
                    group.shared().contains(domain)
                        || group.shared().equals(phone)
                        || group.shared().equals(jonPhone)
                        || group.shared().contains(surname))
            .toList();
    assertThat(found)
        .extracting(DuplicateGroup::rule, DuplicateGroup::shared, group -> ids(group.contacts()))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                DuplicateRule.SAME_EMAIL, "ann.lee@" + domain, List.of(ann, annAgain)),
            org.assertj.core.groups.Tuple.tuple(
                DuplicateRule.SAME_PHONE, phone, List.of(carl, carlAgain)),
            org.assertj.core.groups.Tuple.tuple(
                DuplicateRule.SAME_NAME_AT_COMPANY_DOMAIN,
                "Bob Ray at " + domain,
                List.of(bob, bobAgain)),
            org.assertj.core.groups.Tuple.tuple(
                DuplicateRule.SAME_EMAIL, "jon@" + domain, List.of(jon, jonAgain)));
    assertThat(duplicates.count()).isEqualTo(all.size());
    assertThat(duplicates.groups(1, 1)).containsExactly(all.get(1));
  }

  @Test
  void
      a_merge_moves_events_messages_lists_and_consent_and_the_contact_that_stays_keeps_its_own_values() {
    String domain = domain();
    String keptUser = user();
    ContactId kept =
        identify(
            "{\"userId\":\"%s\",\"traits\":{\"email\":\"sam@%s\",\"firstName\":\"Sam\",\"plan\":\"Pro\",\"city\":\"Oslo\"}}",
            keptUser, domain);
    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"Webinar Joined\"}".formatted(keptUser));
    String visitor = user();
    String phone = phone();
    ContactId merged =
        track(
            "{\"anonymousId\":\"%s\",\"event\":\"Product Viewed\",\"traits\":{\"email\":\"sam.stone@%s\",\"lastName\":\"Stone\","
                + "\"phone\":\"%s\",\"plan\":\"Basic\",\"colour\":\"red\"}}",
            visitor, domain, phone);
    contacts.tag(kept, "vip");
    contacts.tag(merged, "beta");
    String both = list("Both " + domain);
    String onlyMerged = list("Only merged " + domain);
    lists.add(both, kept, "test");
    lists.add(both, merged, "test");
    lists.add(onlyMerged, merged, "test");
    consentAt(kept, ConsentStatus.SUBSCRIBED, "2026-11-02T09:00:00Z");
    consentAt(merged, ConsentStatus.UNSUBSCRIBED, "2026-11-03T09:00:00Z");
    jdbc.sql(
            "insert into message (contact_id, channel, recipient, subject, status, created_at, sent_at) values (:id, 'EMAIL', 'sam.stone@x.test', 'Hi', 'SENT', now(), now())")
        .param("id", merged.value())
        .update();
    long keptEvents = eventsOf(kept);
    long mergedEvents = eventsOf(merged);

    MergePreview preview = ((MergeCheck.Possible) merges.preview(merged, kept)).preview();

    assertThat(preview.events()).isGreaterThanOrEqualTo(mergedEvents).isPositive();
    assertThat(preview.messages()).isEqualTo(1);
    assertThat(preview.listsJoined()).containsExactly("Only merged " + domain);
    assertThat(preview.listsShared()).containsExactly("Both " + domain);
    assertThat(preview.consents())
        .extracting(
            ConsentChoice::channel, choice -> choice.after().status(), ConsentChoice::changes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ConsentChannel.EMAIL, ConsentStatus.UNSUBSCRIBED, true));
    Map<String, MergeField> fields = byName(preview.fields());
    assertThat(fields.get("Email").resolution()).isEqualTo(MergeField.Resolution.SURVIVOR_WINS);
    assertThat(fields.get("Email").after()).isEqualTo("sam@" + domain);
    assertThat(fields.get("Last name").resolution()).isEqualTo(MergeField.Resolution.TAKEN);
    assertThat(fields.get("plan").after()).isEqualTo("Pro");
    assertThat(fields.get("colour").resolution()).isEqualTo(MergeField.Resolution.TAKEN);
    assertThat(fields.get("Tags").after()).isEqualTo("vip, beta");
    assertThat(preview.conflicts())
        .extracting(MergeField::name)
        .containsExactlyInAnyOrder("Email", "plan");

    MergeResult result = merges.merge(merged, kept, "console: test");

    assertThat(((MergeResult.Merged) result).moved().fields()).isEqualTo(preview.fields());
    ContactProfile after = contacts.find(kept).orElseThrow();
    assertThat(contacts.find(merged)).map(ContactProfile::id).contains(kept);
    assertThat(after.email()).isEqualTo("sam@" + domain);
    assertThat(after.lastName()).isEqualTo("Stone");
    assertThat(after.phone()).isEqualTo(phone);
    assertThat(after.anonymousId()).isEqualTo(visitor);
    assertThat(after.traits())
        .containsEntry("plan", "Pro")
        .containsEntry("colour", "red")
        .containsEntry("city", "Oslo");
    assertThat(contacts.tags(kept)).containsExactly("beta", "vip");
    assertThat(lists.listsOf(kept))
        .extracting(ListMembership::listId)
        .containsExactlyInAnyOrder(both, onlyMerged);
    assertThat(consents.of(kept).get(ConsentChannel.EMAIL).status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    // Everything the merged contact did, and one more line: the merge itself, on the timeline of
    // the one kept.
    assertThat(eventsOf(kept)).isEqualTo(keptEvents + mergedEvents + 1);
    assertThat(
            jdbc.sql(
                    "select properties ->> 'merged_contact_id' || ' by ' || (properties ->> 'by') from contact_event where contact_id = :id and name = 'Contact Merged'")
                .param("id", kept.value())
                .query(String.class)
                .list())
        .containsExactly(merged + " by console: test");
    assertThat(eventsOf(merged)).isZero();
    assertThat(
            jdbc.sql("select count(*) from message where contact_id = :id")
                .param("id", kept.value())
                .query(Long.class)
                .single())
        .isEqualTo(1);
    // Every value the preview promised is the value the contact has.
    Map<String, Function<ContactProfile, Object>> columns =
        Map.of(
            "Email", ContactProfile::email,
            "Phone", ContactProfile::phone,
            "First name", ContactProfile::firstName,
            "Last name", ContactProfile::lastName,
            "User id", ContactProfile::externalId,
            "Anonymous id", ContactProfile::anonymousId,
            "Time zone", ContactProfile::timeZone,
            "Locale", ContactProfile::locale);
    for (MergeField field : preview.fields()) {
      Object actual =
          columns.containsKey(field.name())
              ? columns.get(field.name()).apply(after)
              : field.name().equals("Tags")
                  ? String.join(", ", contacts.tags(kept))
                  : after.traits().get(field.name());
      if (field.name().equals("Tags")) {
        assertThat(List.of(String.valueOf(actual).split(", ")))
            .as(field.name())
            .containsExactlyInAnyOrder(field.after().split(", "));
      } else {
        assertThat(String.valueOf(actual)).as(field.name()).isEqualTo(field.after());
      }
    }
  }

  @Test
  void a_merge_that_cannot_be_done_is_refused_in_plain_words_and_changes_nothing() {
    String domain = domain();
    String first = user();
    String second = user();
    ContactId one =
        identify("{\"userId\":\"%s\",\"traits\":{\"email\":\"kim@%s\"}}", first, domain);
    ContactId other =
        identify("{\"userId\":\"%s\",\"traits\":{\"email\":\"kim@%s\"}}", second, domain);
    ContactId visitor =
        track(
            "{\"anonymousId\":\"%s\",\"event\":\"Product Viewed\",\"traits\":{\"email\":\"kim@%s\"}}",
            user(), domain);
    long events = eventsOf(other);

    assertThat(refusal(merges.preview(one, one)).reason())
        .isEqualTo(MergeRefusal.Reason.SAME_CONTACT);
    assertThat(((MergeResult.Refused) merges.merge(one, one, "console: test")).refusal().message())
        .isEqualTo("A contact cannot be merged into itself: pick the other contact to keep.");
    MergeResult twoUsers = merges.merge(other, one, "console: test");
    assertThat(((MergeResult.Refused) twoUsers).refusal().reason())
        .isEqualTo(MergeRefusal.Reason.TWO_USER_IDS);
    assertThat(((MergeResult.Refused) twoUsers).refusal().message())
        .contains(first)
        .contains(second)
        .contains("would start a new contact");
    assertThat(contacts.find(other)).map(ContactProfile::id).contains(other);
    assertThat(eventsOf(other)).isEqualTo(events);
    ContactId nobody = new ContactId(UUID.randomUUID());
    assertThat(refusal(merges.preview(nobody, one)).reason())
        .isEqualTo(MergeRefusal.Reason.NO_SUCH_CONTACT);
    assertThat(refusal(merges.preview(one, nobody)).reason())
        .isEqualTo(MergeRefusal.Reason.NO_SUCH_CONTACT);

    assertThat(merges.merge(visitor, one, "console: test")).isInstanceOf(MergeResult.Merged.class);
    MergeResult again = merges.merge(visitor, other, "console: test");
    assertThat(((MergeResult.Refused) again).refusal().reason())
        .isEqualTo(MergeRefusal.Reason.ALREADY_MERGED);
    assertThat(refusal(merges.preview(other, visitor)).message())
        .startsWith("The contact to keep was merged into kim@" + domain);
    assertThat(contacts.find(visitor)).map(ContactProfile::id).contains(one);
  }

  @Test
  void
      a_visitor_who_unsubscribed_keeps_that_decision_when_signing_in_merges_them_into_a_subscribed_customer() {
    String user = user();
    String visitor = user();
    ContactId customer =
        identify("{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}", user, user);
    ContactId anonymous =
        track(
            "{\"anonymousId\":\"%s\",\"event\":\"Product Viewed\",\"traits\":{\"firstName\":\"Liv\"}}",
            visitor);
    consentAt(customer, ConsentStatus.SUBSCRIBED, "2026-11-02T09:00:00Z");
    consentAt(anonymous, ConsentStatus.UNSUBSCRIBED, "2026-11-03T09:00:00Z");
    contacts.tag(anonymous, "came-from-ad");

    post("/v1/identify", "{\"userId\":\"%s\",\"anonymousId\":\"%s\"}".formatted(user, visitor));

    assertThat(contacts.find(anonymous)).map(ContactProfile::id).contains(customer);
    assertThat(consents.of(customer).get(ConsentChannel.EMAIL).status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(contacts.tags(customer)).containsExactly("came-from-ad");
  }

  private void consentAt(ContactId contact, ConsentStatus status, String at) {
    consents.record(contact, ConsentChannel.EMAIL, status, "test");
    // Fixed times, so which decision is the more recent never depends on the clock's resolution.
    jdbc.sql("update contact_consent set changed_at = :at where contact_id = :id")
        .param("at", Timestamp.from(Instant.parse(at)))
        .param("id", contact.value())
        .update();
  }

  private String list(String name) {
    return ((ListChange.Done) lists.create(name, null)).list().id();
  }

  private static MergeRefusal refusal(MergeCheck check) {
    return ((MergeCheck.Refused) check).refusal();
  }

  private static Map<String, MergeField> byName(List<MergeField> fields) {
    return fields.stream()
        .collect(java.util.stream.Collectors.toMap(MergeField::name, field -> field));
  }

  private static List<ContactId> ids(List<ContactSummary> contacts) {
    return contacts.stream().map(ContactSummary::id).toList();
  }

  private ContactId identify(String call, Object... values) {
    return stored("/v1/identify", call, values);
  }

  private ContactId track(String call, Object... values) {
    return stored("/v1/track", call, values);
  }

  /**
   * Sends the call and answers the contact it names by its first value (the user or anonymous id).
   */
  private ContactId stored(String path, String call, Object... values) {
    assertThat(post(path, call.formatted(values)).statusCode()).isEqualTo(200);
    return new ContactId(
        jdbc.sql("select id from contact where external_id = :id or anonymous_id = :id")
            .param("id", values[0])
            .query(UUID.class)
            .single());
  }

  /** Events the test sent; a segment refresh may add "Segment Entered" ones at any moment. */
  private long eventsOf(ContactId contact) {
    return jdbc.sql(
            "select count(*) from contact_event where contact_id = :id and name not in ('Segment Entered', 'Segment Left')")
        .param("id", contact.value())
        .query(Long.class)
        .single();
  }

  private static String user() {
    return "u-" + UUID.randomUUID();
  }

  private static String domain() {
    return "dup" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  }

  private static String phone() {
    return "+479" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
  }
}
