package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.contact.ContactFilter;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.imports.ImportReport;
import dev.cairn.engine.imports.InvalidImportException;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListChange;
import dev.cairn.engine.list.ListMember;
import dev.cairn.engine.list.ListMembership;
import dev.cairn.engine.privacy.ContactExport;
import dev.cairn.engine.segment.InvalidSegmentException;
import dev.cairn.engine.segment.SegmentRule;
import dev.cairn.engine.segment.Segments;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists on real PostgreSQL: creating and naming them, their members, and a journey step that adds
 * to one on the embedded engine.
 */
class ContactListsTest extends CairnIntegrationTest {

  @Autowired ContactLists lists;
  @Autowired Contacts contacts;
  @Autowired Journeys journeys;
  @Autowired JdbcClient jdbc;
  @Autowired Segments segments;
  @Autowired JsonMapper json;
  @Autowired ContactImport imports;
  @Autowired ContactExport export;

  @Test
  void a_new_list_gets_an_id_from_its_name_and_starts_empty() {
    String name = "Trade fair 2026 " + suffix();

    ContactList list = created(name);

    assertThat(list.id()).startsWith("trade-fair-2026-");
    assertThat(list.name()).isEqualTo(name);
    assertThat(list.members()).isZero();
    assertThat(lists.lists()).extracting(ContactList::id).contains(list.id());
  }

  @Test
  void a_second_list_with_the_same_name_is_refused_in_plain_words() {
    String name = "Newsletter " + suffix();
    created(name);

    ListChange again = lists.create(" " + name.toUpperCase() + " ", null);

    assertThat(again)
        .isEqualTo(
            new ListChange.Refused(
                ListChange.Refusal.NAME_TAKEN,
                "there is already a list named \"" + name.toUpperCase() + "\""));
  }

  @Test
  void a_list_without_a_name_or_with_one_too_long_is_refused_with_the_reason() {
    assertThat(lists.create("   ", null))
        .isEqualTo(new ListChange.Refused(ListChange.Refusal.NAME_MISSING, "a list needs a name"));
    assertThat(lists.create("x".repeat(101), null))
        .isEqualTo(
            new ListChange.Refused(
                ListChange.Refusal.NAME_TOO_LONG,
                "a list name is at most 100 characters; this one has 101"));
    ContactList list = created("Kept " + suffix());
    assertThat(lists.rename(list.id(), ""))
        .isEqualTo(new ListChange.Refused(ListChange.Refusal.NAME_MISSING, "a list needs a name"));
    assertThat(lists.find(list.id()).orElseThrow().name()).isEqualTo(list.name());
  }

  @Test
  void the_contacts_list_filtered_by_a_list_pages_through_its_members_that_also_match_the_search() {
    ContactList list = created("Filter " + suffix());
    String domain = "filter" + suffix() + ".test";
    ContactId ann = contactWithEmail("ann@" + domain);
    ContactId bo = contactWithEmail("bo@" + domain);
    contactWithEmail("cy@" + domain);
    lists.add(list.id(), ann, "console: admin");
    lists.add(list.id(), bo, "console: admin");
    ContactFilter onList = new ContactFilter(domain, null, null, null, list.id());

    assertThat(contacts.count(onList)).isEqualTo(2);
    assertThat(contacts.search(onList, 0, 1)).hasSize(1);
    assertThat(contacts.search(onList, 0, 10))
        .extracting(ContactSummary::id)
        .containsExactlyInAnyOrder(ann, bo);
    assertThat(contacts.count(new ContactFilter("bo@" + domain, null, null, null, list.id())))
        .isOne();
    assertThat(contacts.count(new ContactFilter(domain, null, null, null, null))).isEqualTo(3);
    assertThat(contacts.count(new ContactFilter(domain, null, null, null, "no-such-list")))
        .isZero();
  }

  @Test
  void a_renamed_list_keeps_its_id_and_a_deleted_one_leaves_its_contacts_alone() {
    ContactList list = created("Beta " + suffix());
    ContactId contact = contact();
    lists.add(list.id(), contact, "console: admin");

    assertThat(lists.rename(list.id(), "Beta testers " + suffix()))
        .isInstanceOfSatisfying(
            ListChange.Done.class, done -> assertThat(done.list().id()).isEqualTo(list.id()));
    assertThat(lists.delete(list.id())).isInstanceOf(ListChange.Done.class);

    assertThat(lists.exists(list.id())).isFalse();
    assertThat(contacts.find(contact)).isPresent();
    assertThat(lists.listsOf(contact)).isEmpty();
  }

  @Test
  void adding_a_contact_twice_keeps_one_membership_with_the_first_source() {
    ContactList list = created("Beta " + suffix());
    ContactId contact = contact();

    ListChange first = lists.add(list.id(), contact, "console: admin");
    ListChange second = lists.add(list.id(), contact, "journey welcome");

    assertThat(first)
        .isInstanceOfSatisfying(ListChange.Done.class, done -> assertThat(done.changed()).isTrue());
    assertThat(second)
        .isInstanceOfSatisfying(
            ListChange.Done.class, done -> assertThat(done.changed()).isFalse());
    assertThat(lists.count(list.id())).isEqualTo(1);
    assertThat(lists.listsOf(contact))
        .extracting(ListMembership::listId, ListMembership::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(list.id(), "console: admin"));
  }

  @Test
  void a_removed_contact_is_no_longer_a_member_and_removing_again_changes_nothing() {
    ContactList list = created("Beta " + suffix());
    ContactId contact = contact();
    lists.add(list.id(), contact, "console: admin");

    assertThat(lists.remove(list.id(), contact, "console: admin"))
        .isInstanceOfSatisfying(ListChange.Done.class, done -> assertThat(done.changed()).isTrue());
    assertThat(lists.remove(list.id(), contact, "console: admin"))
        .isInstanceOfSatisfying(
            ListChange.Done.class, done -> assertThat(done.changed()).isFalse());

    assertThat(lists.isMember(list.id(), contact)).isFalse();
  }

  @Test
  void a_list_that_does_not_exist_is_named_in_the_refusal() {
    ListChange change = lists.add("no-such-list", contact(), "console: admin");

    assertThat(change)
        .isEqualTo(
            new ListChange.Refused(
                ListChange.Refusal.UNKNOWN_LIST, "there is no list \"no-such-list\""));
  }

  @Test
  void members_come_in_pages_newest_first() {
    ContactList list = created("Paged " + suffix());
    List<ContactId> added = List.of(contact(), contact(), contact());
    added.forEach(contact -> lists.add(list.id(), contact, "import: fair.csv"));

    List<ListMember> firstPage = lists.members(list.id(), 0, 2);
    List<ListMember> secondPage = lists.members(list.id(), 2, 2);

    assertThat(firstPage).hasSize(2);
    assertThat(secondPage).hasSize(1);
    assertThat(firstPage.get(0).addedAt()).isAfterOrEqualTo(firstPage.get(1).addedAt());
    assertThat(
            List.of(
                firstPage.get(0).contactId(),
                firstPage.get(1).contactId(),
                secondPage.get(0).contactId()))
        .containsExactlyInAnyOrderElementsOf(added);
  }

  @Test
  void an_erased_contact_leaves_every_list() {
    ContactList list = created("Erased " + suffix());
    ContactId contact = contact();
    lists.add(list.id(), contact, "console: admin");

    jdbc.sql("delete from contact where id = :id").param("id", contact.value()).update();

    assertThat(lists.count(list.id())).isZero();
  }

  @Test
  void a_segment_condition_on_a_list_matches_its_members_and_not_in_list_everyone_else() {
    ContactList list = created("Segment source " + suffix());
    ContactId member = contact();
    ContactId other = contact();
    lists.add(list.id(), member, "console: admin");

    assertThat(segments.matches(member, new SegmentRule.ListMembership(list.id(), true))).isTrue();
    assertThat(segments.matches(other, new SegmentRule.ListMembership(list.id(), true))).isFalse();
    assertThat(segments.matches(other, new SegmentRule.ListMembership(list.id(), false))).isTrue();
    assertThat(segments.count(new SegmentRule.ListMembership(list.id(), true))).isEqualTo(1);
  }

  @Test
  void a_segment_on_a_list_that_does_not_exist_or_on_no_list_is_refused_with_what_to_fix() {
    assertThatThrownBy(
            () ->
                segments.save(
                    null,
                    "Ghost list " + suffix(),
                    null,
                    new SegmentRule.ListMembership("no-such-list", true)))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("There is no list \"no-such-list\".");
    assertThatThrownBy(() -> segments.count(new SegmentRule.ListMembership("", true)))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("Pick the list contacts must (or must not) be on.");
  }

  @Test
  void a_contacts_data_export_names_the_lists_they_are_on() {
    ContactList list = created("Exported " + suffix());
    ContactId contact = contact();
    lists.add(list.id(), contact, "console: admin");

    Map<String, Object> document = export.export(contact).orElseThrow();

    assertThat(document.get("lists")).asString().contains(list.id(), "console: admin");
  }

  @Test
  void a_segment_condition_read_from_json_names_the_list() throws Exception {
    SegmentRule rule =
        json.readValue(
            "{\"kind\":\"list\",\"listId\":\"newsletter\",\"member\":true}", SegmentRule.class);

    assertThat(rule).isEqualTo(new SegmentRule.ListMembership("newsletter", true));
  }

  @Test
  void an_import_puts_every_contact_it_creates_or_updates_on_the_list() {
    ContactList list = created("Trade fair import " + suffix());
    String domain = "lists" + suffix() + ".test";
    ContactId existing = contact();
    String existingEmail = contacts.find(existing).orElseThrow().email();
    String csv =
        "email,first_name\nann@%1$s,Ann\nbo@%1$s,Bo\n%2$s,Known\nnot-an-email,Cy\n"
            .formatted(domain, existingEmail);
    ImportPlan plan =
        new ImportPlan(
            imports.inspect(csv(csv)).guessed(),
            DedupeKey.EMAIL,
            "Trade fair sheet",
            null,
            list.id());

    ImportReport report = imports.run(csv(csv), "fair.csv", plan, done -> {});

    assertThat(report.created()).isEqualTo(2);
    assertThat(lists.count(list.id())).isEqualTo(3);
    assertThat(lists.listsOf(existing))
        .extracting(ListMembership::source)
        .containsExactly("import: Trade fair sheet");
  }

  @Test
  void an_import_into_a_list_that_does_not_exist_is_refused_before_anything_is_written() {
    String domain = "lists" + suffix() + ".test";
    String csv = "email\nann@%s\n".formatted(domain);
    ImportPlan plan =
        new ImportPlan(
            imports.inspect(csv(csv)).guessed(),
            DedupeKey.EMAIL,
            "Trade fair sheet",
            null,
            "no-such-list");

    assertThatThrownBy(() -> imports.run(csv(csv), "fair.csv", plan, done -> {}))
        .isInstanceOf(InvalidImportException.class)
        .hasMessage(
            "There is no list \"no-such-list\" to add the contacts to; pick one under Lists.");
    assertThat(
            jdbc.sql("select count(*) from contact where email = :email")
                .param("email", "ann@" + domain)
                .query(Long.class)
                .single())
        .isZero();
  }

  private static java.io.InputStream csv(String text) {
    return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void a_journey_step_puts_the_contact_on_the_list_with_the_journey_as_source() {
    String journey = "list-join-" + suffix();
    ContactList list = created("Joined by journey " + journey);
    journeys.addIfAbsent(journey, "Adds to a list", null, listJourney(journey, list.id()));
    assertThat(journeys.publish(journey)).isInstanceOf(PublishResult.Published.class);
    String user = "u-" + UUID.randomUUID();
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{}}".formatted(user));

    post("/v1/track", "{\"userId\":\"%s\",\"event\":\"%s\"}".formatted(user, journey));
    awaitPath(user, "end");

    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    assertThat(lists.listsOf(contact))
        .singleElement()
        .satisfies(
            membership -> {
              assertThat(membership.listId()).isEqualTo(list.id());
              assertThat(membership.source()).isEqualTo("journey " + journey);
            });
    assertThat(lists.count(list.id())).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "select properties ->> 'source' from contact_event where contact_id = :id and name = 'List Joined'")
                .param("id", contact.value())
                .query(String.class)
                .list())
        .containsExactly("journey " + journey);
  }

  private ContactId contactWithEmail(String email) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s\"}}".formatted(user, email));
    return contacts.findByUserId(user).orElseThrow().id();
  }

  private ContactList created(String name) {
    return ((ListChange.Done) lists.create(name, null)).list();
  }

  private ContactId contact() {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}".formatted(user, user));
    return contacts.findByUserId(user).orElseThrow().id();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String listJourney(String id, String listId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="Lists %1$s" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:trigger-event" value="%1$s"/></zeebe:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="to-join" sourceRef="start" targetRef="join"/>
            <bpmn:serviceTask id="join" name="Join the list">
              <bpmn:extensionElements><zeebe:taskDefinition type="cairn.list" retries="3"/><zeebe:taskHeaders>
                <zeebe:header key="list" value="%2$s"/><zeebe:header key="action" value="add"/>
              </zeebe:taskHeaders></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to-end" sourceRef="join" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id, listId);
  }
}
