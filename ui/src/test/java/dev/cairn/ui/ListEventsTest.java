package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.imports.ContactImport;
import dev.cairn.engine.imports.DedupeKey;
import dev.cairn.engine.imports.ImportPlan;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.list.ContactList;
import dev.cairn.engine.list.ContactLists;
import dev.cairn.engine.list.ListChange;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Joining and leaving a list are contact events ("List Joined", "List Left"), recorded once per
 * real change whichever way it happens, that journeys start on and wait for.
 */
class ListEventsTest extends CairnIntegrationTest {

  @Autowired ContactLists lists;
  @Autowired Contacts contacts;
  @Autowired Journeys journeys;
  @Autowired ContactImport imports;
  @Autowired JdbcClient jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void
      joining_a_list_records_one_list_joined_with_the_list_and_how_and_joining_again_records_nothing() {
    ContactList list = created("Newsletter");
    ContactId contact = contact();

    lists.add(list.id(), contact, "console: admin");
    lists.add(list.id(), contact, "journey welcome");

    assertThat(listEvents(contact))
        .containsExactly(event(ContactLists.JOINED, list, "console: admin"));
  }

  @Test
  void leaving_a_list_records_list_left_with_who_took_them_off_and_leaving_again_records_nothing() {
    ContactList list = created("Beta");
    ContactId contact = contact();
    lists.add(list.id(), contact, "console: admin");

    lists.remove(list.id(), contact, "api");
    lists.remove(list.id(), contact, "api");
    lists.add(list.id(), contact, "journey welcome");

    assertThat(listEvents(contact))
        .containsExactly(
            event(ContactLists.JOINED, list, "console: admin"),
            event(ContactLists.LEFT, list, "api"),
            event(ContactLists.JOINED, list, "journey welcome"));
  }

  @Test
  void
      an_import_into_a_list_records_list_joined_for_each_contact_it_puts_on_it_and_none_for_those_already_there() {
    ContactList list = created("Trade fair");
    ContactId already = contact();
    lists.add(list.id(), already, "console: admin");
    String domain = "listevents" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    String csv =
        "email\nann@%1$s\n%2$s\nbea@%1$s\n"
            .formatted(domain, contacts.find(already).orElseThrow().email());
    ImportPlan plan =
        new ImportPlan(
            imports.inspect(csv(csv)).guessed(), DedupeKey.EMAIL, "Fair sheet", null, list.id());

    imports.run(csv(csv), "fair.csv", plan, done -> {});

    for (String person : List.of("ann", "bea")) {
      ContactId joined =
          new ContactId(
              jdbc.sql("select id from contact where email = :email")
                  .param("email", person + "@" + domain)
                  .query(UUID.class)
                  .single());
      assertThat(listEvents(joined))
          .as(person)
          .containsExactly(event(ContactLists.JOINED, list, "import: Fair sheet"));
    }
    assertThat(listEvents(already))
        .containsExactly(event(ContactLists.JOINED, list, "console: admin"));
    assertThat(lists.count(list.id())).isEqualTo(3);
  }

  @Test
  void deleting_a_list_records_no_list_left_for_its_members() {
    ContactList list = created("Short-lived");
    ContactId contact = contact();
    lists.add(list.id(), contact, "console: admin");

    lists.delete(list.id());

    assertThat(listEvents(contact))
        .containsExactly(event(ContactLists.JOINED, list, "console: admin"));
  }

  @Test
  void
      a_journey_starts_for_a_contact_joining_its_list_through_the_api_and_moves_on_when_they_leave_that_list_not_another() {
    ContactList vip = created("VIP");
    ContactList other = created("Other");
    String journey = "vip-" + UUID.randomUUID().toString().substring(0, 8);
    journeys.addIfAbsent(journey, "VIP welcome " + journey, null, listJourney(journey, vip.id()));
    assertThat(journeys.publish(journey)).isInstanceOf(PublishResult.Published.class);
    String user = "u-" + UUID.randomUUID();
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{}}".formatted(user));

    assertThat(
            post("/v1/lists/" + other.id() + "/members", "{\"userId\":\"" + user + "\"}")
                .statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> pendingEvents(user) == 0);
    assertThat(enrolments(journey)).as("joining another list starts nothing").isZero();

    assertThat(
            post("/v1/lists/" + vip.id() + "/members", "{\"userId\":\"" + user + "\"}")
                .statusCode())
        .isEqualTo(200);
    awaitPath(user, "wait-for-leaving");
    assertThat(
            post("/v1/lists/" + other.id() + "/members/remove", "{\"userId\":\"" + user + "\"}")
                .statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> pendingEvents(user) == 0);
    assertThat(awaitPath(user, "wait-for-leaving"))
        .as("leaving another list moves no one on")
        .doesNotContain("left");

    assertThat(
            post("/v1/lists/" + vip.id() + "/members/remove", "{\"userId\":\"" + user + "\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(awaitPath(user, "left"))
        .containsExactly("start", "wait-for-leaving", "left-vip", "left");
    assertThat(enrolments(journey)).isEqualTo(1);
  }

  /** The contact's list events, oldest first, as name and properties. */
  private List<Map<String, Object>> listEvents(ContactId contact) {
    return jdbc.sql(
            "select name, properties::text as properties from contact_event where contact_id = :id and name in (:names) order by id")
        .param("id", contact.value())
        .param("names", List.of(ContactLists.JOINED, ContactLists.LEFT))
        .query(
            (rs, row) ->
                Map.<String, Object>of(
                    "name",
                    rs.getString("name"),
                    "properties",
                    json.readValue(rs.getString("properties"), Map.class)))
        .list();
  }

  private static Map<String, Object> event(String name, ContactList list, String source) {
    return Map.of(
        "name",
        name,
        "properties",
        Map.of("list_id", list.id(), "list_name", list.name(), "source", source));
  }

  private long pendingEvents(String user) {
    return jdbc.sql(
            "select count(*) from contact_event e join contact c on c.id = e.contact_id where c.external_id = :user and e.processed_at is null")
        .param("user", user)
        .query(Long.class)
        .single();
  }

  private long enrolments(String journey) {
    return jdbc.sql("select count(*) from enrollment where journey_id = :id")
        .param("id", journey)
        .query(Long.class)
        .single();
  }

  private ContactList created(String name) {
    return ((ListChange.Done)
            lists.create(name + " " + UUID.randomUUID().toString().substring(0, 8), null))
        .list();
  }

  private ContactId contact() {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}".formatted(user, user));
    return contacts.findByUserId(user).orElseThrow().id();
  }

  private static ByteArrayInputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts when a contact joins the list, then waits (a week at most) for them to leave it. */
  private static String listJourney(String id, String listId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-%1$s" targetNamespace="t">
          <bpmn:process id="%1$s" name="VIP %1$s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="cairn:trigger-event" value="List Joined"/>
              <zeebe:property name="cairn:trigger-where" value="list_id=%2$s"/>
            </zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait-for-leaving"/>
            <bpmn:eventBasedGateway id="wait-for-leaving" name="Wait for leaving"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait-for-leaving" targetRef="left-vip"/>
            <bpmn:sequenceFlow id="f3" sourceRef="wait-for-leaving" targetRef="a-week"/>
            <bpmn:intermediateCatchEvent id="left-vip" name="Left the VIP list">
              <bpmn:extensionElements><zeebe:properties><zeebe:property name="cairn:event-where" value="list_id=%2$s"/></zeebe:properties></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="list-left"/>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="a-week" name="A week"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="left-vip" targetRef="left"/>
            <bpmn:sequenceFlow id="f5" sourceRef="a-week" targetRef="stayed"/>
            <bpmn:endEvent id="left"/>
            <bpmn:endEvent id="stayed"/>
          </bpmn:process>
          <bpmn:message id="list-left" name="List Left"/>
        </bpmn:definitions>
        """
        .formatted(id, listId);
  }
}
