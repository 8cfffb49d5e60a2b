package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch's calls are stored together, yet reach the contacts each call would reach sent one after
 * the other: a visitor who signs in within a batch, two contacts a batch joins, a late call that
 * must not overwrite a newer one, the same new customer twice.
 */
class BatchIdentityTest extends CairnIntegrationTest {

  @Autowired Contacts contacts;
  @Autowired JdbcClient jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void a_visitor_who_signs_in_and_orders_within_one_batch_is_one_contact() {
    String visitor = "a-" + UUID.randomUUID();
    String user = "u-" + UUID.randomUUID();

    JsonNode answer =
        batch(
            """
            {"type":"page","anonymousId":"%1$s","name":"Pricing"},
            {"type":"identify","anonymousId":"%1$s","userId":"%2$s","traits":{"firstName":"Ada"}},
            {"type":"track","userId":"%2$s","event":"Order Completed","properties":{"revenue":42.5}},
            {"type":"track","anonymousId":"%1$s","event":"Product Viewed"}
            """
                .formatted(visitor, user));

    assertThat(answer.get("stored").asInt()).isEqualTo(4);
    ContactProfile contact = contacts.findByUserId(user).orElseThrow();
    assertThat(contact.anonymousId()).isEqualTo(visitor);
    assertThat(contact.firstName()).isEqualTo("Ada");
    assertThat(answer.get("results").findValuesAsString("contactId"))
        .containsOnly(contact.id().toString());
    assertThat(contactsNamed(visitor, user)).isEqualTo(1);
    assertThat(
            jdbc.sql("select order_count from contact where id = :id")
                .param("id", contact.id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void a_batch_call_naming_two_existing_contacts_merges_them_as_a_single_call_does() {
    String visitor = "a-" + UUID.randomUUID();
    String user = "u-" + UUID.randomUUID();
    assertThat(
            post("/v1/page", "{\"anonymousId\":\"%s\",\"name\":\"Home\"}".formatted(visitor))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post(
                    "/v1/identify",
                    "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\"}}"
                        .formatted(user, user))
                .statusCode())
        .isEqualTo(200);

    JsonNode answer =
        batch(
            """
            {"type":"track","anonymousId":"%1$s","event":"Product Viewed"},
            {"type":"track","anonymousId":"%1$s","userId":"%2$s","event":"Signed In"}
            """
                .formatted(visitor, user));

    assertThat(answer.get("stored").asInt()).isEqualTo(2);
    ContactProfile merged = contacts.findByUserId(user).orElseThrow();
    assertThat(merged.anonymousId()).isEqualTo(visitor);
    assertThat(merged.email()).isEqualTo(user + "@example.com");
    assertThat(contactsNamed(visitor, user)).isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from contact_event where contact_id = :id")
                .param("id", merged.id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(4);
  }

  @Test
  void a_late_call_in_a_batch_fills_gaps_but_does_not_overwrite_a_newer_one() {
    String user = "u-" + UUID.randomUUID();

    JsonNode answer =
        batch(
            """
            {"type":"identify","userId":"%1$s","timestamp":"2026-06-02T10:00:00Z",
             "traits":{"firstName":"Newer"}},
            {"type":"identify","userId":"%1$s","timestamp":"2026-06-01T10:00:00Z",
             "traits":{"firstName":"Older","lastName":"Gap"}}
            """
                .formatted(user));

    assertThat(answer.get("stored").asInt()).isEqualTo(2);
    ContactProfile contact = contacts.findByUserId(user).orElseThrow();
    assertThat(contact.firstName()).isEqualTo("Newer");
    assertThat(contact.lastName()).isEqualTo("Gap");
    assertThat(contactsNamed(user, user)).isEqualTo(1);
  }

  @Test
  void a_repeated_message_id_within_a_batch_is_stored_once() {
    String user = "u-" + UUID.randomUUID();

    JsonNode answer =
        batch(
            """
            {"type":"track","userId":"%1$s","event":"Product Viewed","messageId":"%1$s-1"},
            {"type":"track","userId":"%1$s","event":"Product Viewed","messageId":"%1$s-1"}
            """
                .formatted(user));

    assertThat(answer.get("results").findValuesAsString("status"))
        .containsExactly("stored", "duplicate");
    assertThat(
            jdbc.sql("select count(*) from contact_event where message_id = :id")
                .param("id", user + "-1")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  private JsonNode batch(String calls) {
    HttpResponse<String> response = post("/v1/batch", "{\"batch\":[" + calls + "]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private int contactsNamed(String anonymousId, String userId) {
    return jdbc.sql(
            "select count(*) from contact where anonymous_id = :anonymous or external_id = :user")
        .param("anonymous", anonymousId)
        .param("user", userId)
        .query(Integer.class)
        .single();
  }
}
