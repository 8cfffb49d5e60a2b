package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Segment-compatible calls beyond track: page, screen, group, alias, batch, and identity
 * merges.
 */
class EventApiTest extends CairnIntegrationTest {

  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;
  @Autowired JdbcClient jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void page_screen_and_group_calls_are_stored_with_their_names_and_properties() {
    String user = newId("u");

    assertThat(
            post(
                    "/v1/page",
                    "{\"userId\":\"%s\",\"name\":\"Pricing\",\"category\":\"Docs\",\"properties\":{\"url\":\"https://acme.test/pricing\"}}"
                        .formatted(user))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post("/v1/screen", "{\"userId\":\"%s\",\"name\":\"Cart\"}".formatted(user))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post(
                    "/v1/group",
                    "{\"userId\":\"%s\",\"groupId\":\"acme-inc\",\"traits\":{\"plan\":\"Enterprise\"}}"
                        .formatted(user))
                .statusCode())
        .isEqualTo(200);

    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    List<String> stored =
        // Cairn's own track events (a segment the background refresh put the contact in) are not
        // what was sent here.
        jdbc.sql(
                "select type || ':' || coalesce(name, '') || ':' || properties::text from contact_event where contact_id = :id and type <> 'TRACK' order by id")
            .param("id", contact.value())
            .query(String.class)
            .list();
    assertThat(stored).hasSize(3);
    assertThat(stored.get(0))
        .startsWith("PAGE:Pricing:")
        .contains("\"category\": \"Docs\"")
        .contains("pricing");
    assertThat(stored.get(1)).startsWith("SCREEN:Cart:");
    assertThat(stored.get(2))
        .startsWith("GROUP::")
        .contains("\"groupId\": \"acme-inc\"")
        .contains("Enterprise");
    // Group traits describe the company, not the person.
    assertThat(contacts.find(contact).orElseThrow().traits()).doesNotContainKey("plan");
  }

  @Test
  void a_group_call_without_groupId_is_a_problem_naming_the_field() {
    HttpResponse<String> response = post("/v1/group", "{\"userId\":\"u-1\",\"traits\":{}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("errors").findValuesAsString("field"))
        .containsExactly("/groupId");
  }

  @Test
  void alias_makes_an_anonymous_visitor_and_a_known_customer_one_contact() {
    String visitor = newId("anon");
    String user = newId("u");
    post(
        "/v1/track",
        "{\"anonymousId\":\"%s\",\"event\":\"Product Viewed\",\"traits\":{\"firstName\":\"Iris\",\"city\":\"Oslo\"}}"
            .formatted(visitor));
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"city\":\"Bergen\"}}"
            .formatted(user, user));
    ContactId visitorContact = contactIdOf("anonymous_id", visitor);

    HttpResponse<String> response =
        post("/v1/alias", "{\"previousId\":\"%s\",\"userId\":\"%s\"}".formatted(visitor, user));

    assertThat(response.statusCode()).isEqualTo(200);
    ContactProfile merged = contacts.findByUserId(user).orElseThrow();
    assertThat(merged.anonymousId()).isEqualTo(visitor);
    assertThat(merged.firstName()).isEqualTo("Iris");
    assertThat(merged.email()).isEqualTo(user + "@example.com");
    assertThat(merged.traits()).containsEntry("city", "Bergen");
    assertThat(eventsOf(merged.id())).isEqualTo(3);
    assertThat(contacts.find(visitorContact)).map(ContactProfile::id).contains(merged.id());
  }

  @Test
  void an_alias_without_previousId_is_a_problem_and_nothing_is_stored() {
    long before = count("contact_event");

    HttpResponse<String> response = post("/v1/alias", "{\"userId\":\"u-alias\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("errors").findValuesAsString("field"))
        .containsExactly("/previousId");
    assertThat(count("contact_event")).isEqualTo(before);
  }

  @Test
  void a_visitor_waiting_in_a_journey_moves_on_after_signing_in_as_a_known_customer() {
    String visitor = newId("anon");
    String user = newId("u");
    post("/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"firstName\":\"Jon\"}}".formatted(user));
    post(
        "/v1/track",
        "{\"anonymousId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"Jon\"}}"
            .formatted(visitor, visitor));
    ContactId visitorContact = contactIdOf("anonymous_id", visitor);
    await().atMost(Duration.ofSeconds(60)).until(() -> waitsForOrder(visitorContact));

    post("/v1/identify", "{\"userId\":\"%s\",\"anonymousId\":\"%s\"}".formatted(user, visitor));
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"M-1\"}}"
            .formatted(user));

    ContactId merged = contacts.findByUserId(user).orElseThrow().id();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                tracking.path(merged).stream()
                    .anyMatch(visit -> visit.elementId().equals("purchased")));
    assertThat(
            jdbc.sql(
                    "select status from message where contact_id = :id and element_id = 'thank-you-email'")
                .param("id", merged.value())
                .query(String.class)
                .list())
        .containsExactly("SENT");
  }

  @Test
  void a_batch_stores_the_good_calls_and_reports_each_bad_one_by_position() {
    String user = newId("u");
    String batch =
        """
        {"context":{"traits":{"firstName":"Kai"}},
         "batch":[
          {"type":"identify","userId":"%1$s","messageId":"%1$s-1"},
          {"type":"track","userId":"%1$s","event":"Product Viewed","messageId":"%1$s-2","properties":{"coupon":null}},
          {"type":"track","userId":"%1$s","messageId":"%1$s-3"},
          {"type":"launch","userId":"%1$s"},
          {"type":"track","userId":"%1$s","event":"Product Viewed","messageId":"%1$s-2"}
         ]}
        """
            .formatted(user);

    HttpResponse<String> response = post("/v1/batch", batch);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = body(response);
    assertThat(answer.get("success").asBoolean()).isFalse();
    assertThat(answer.get("stored").asInt()).isEqualTo(2);
    assertThat(answer.get("duplicates").asInt()).isEqualTo(1);
    assertThat(answer.get("rejected").asInt()).isEqualTo(2);
    assertThat(answer.get("results").findValuesAsString("status"))
        .containsExactly("stored", "stored", "rejected", "rejected", "duplicate");
    assertThat(answer.get("results").get(2).get("errors").findValuesAsString("field"))
        .containsExactly("/event");
    assertThat(answer.get("results").get(3).get("errors").findValuesAsString("field"))
        .containsExactly("/type");
    ContactProfile contact = contacts.findByUserId(user).orElseThrow();
    assertThat(contact.firstName()).isEqualTo("Kai");
    assertThat(eventsOf(contact.id())).isEqualTo(2);
  }

  @Test
  void a_batch_over_500_kb_is_a_413_problem_and_nothing_is_stored() {
    long before = count("contact_event");
    String call =
        "{\"type\":\"track\",\"userId\":\"u-batch\",\"event\":\"Big\",\"properties\":{\"blob\":\""
            + "x".repeat(20_000)
            + "\"}}";
    String batch =
        "{\"batch\":[" + String.join(",", java.util.Collections.nCopies(30, call)) + "]}";

    HttpResponse<String> response = post("/v1/batch", batch);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(body(response).get("type").asString())
        .isEqualTo("https://cairn.dev/problems/batch-too-large");
    assertThat(count("contact_event")).isEqualTo(before);
  }

  @Test
  void a_late_identify_fills_gaps_but_does_not_overwrite_newer_traits() {
    String user = newId("u");
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"traits\":{\"email\":\"new@example.com\"}}"
            .formatted(user));

    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"timestamp\":\"2026-11-19T10:00:00Z\",\"traits\":{\"email\":\"old@example.com\",\"firstName\":\"Lea\"}}"
            .formatted(user));

    ContactProfile contact = contacts.findByUserId(user).orElseThrow();
    assertThat(contact.email()).isEqualTo("new@example.com");
    assertThat(contact.firstName()).isEqualTo("Lea");
  }

  @Test
  void an_invalid_email_is_left_out_with_a_warning_and_the_event_is_still_stored() {
    String user = newId("u");

    HttpResponse<String> response =
        post(
            "/v1/track",
            "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"ann@\",\"phone\":\"+47 412 34 567\"},\"context\":{\"timezone\":\"Europe/Oslo\",\"locale\":\"nb-NO\"}}"
                .formatted(user));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode warning = body(response).get("warnings").get(0);
    assertThat(warning.get("field").asString()).isEqualTo("/traits/email");
    assertThat(warning.get("message").asString()).contains("not an email address");
    ContactProfile contact = contacts.findByUserId(user).orElseThrow();
    assertThat(contact.email()).isNull();
    assertThat(contact.phone()).isEqualTo("+4741234567");
    assertThat(contact.timeZone()).isEqualTo("Europe/Oslo");
    assertThat(contact.locale()).isEqualTo("nb-NO");
    assertThat(eventsOf(contact.id())).isEqualTo(1);
  }

  private boolean waitsForOrder(ContactId contact) {
    return tracking.positions(contact).stream()
        .anyMatch(position -> position.currentElementIds().contains("wait-for-first-order"));
  }

  private ContactId contactIdOf(String column, String value) {
    return new ContactId(
        jdbc.sql("select id from contact where " + column + " = :value")
            .param("value", value)
            .query(UUID.class)
            .single());
  }

  /**
   * The events the API stored for the contact, without those Cairn records itself (messages it
   * sent, segments it counted).
   */
  private long eventsOf(ContactId contact) {
    return jdbc.sql(
            "select count(*) from contact_event where contact_id = :id and coalesce(name, '') not in ('Email Sent', 'SMS Sent', 'Segment Entered', 'Segment Left')")
        .param("id", contact.value())
        .query(Long.class)
        .single();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  private static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }
}
