package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A NUL character, which PostgreSQL cannot store, is refused with the field named: a 400, never a
 * 503 that senders retry for ever; in a batch only the call holding it.
 */
class NulCharacterApiTest extends CairnIntegrationTest {

  @Autowired JdbcClient jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void a_nul_in_a_nested_property_is_a_400_naming_the_field_and_nothing_is_stored() {
    String user = "u-" + UUID.randomUUID();
    HttpResponse<String> response =
        post(
            "/v1/track",
            "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"address\":{\"lines\":[\"ok\",\"Main St\\u0000 1\"]}}}"
                .formatted(user));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json.readTree(response.body()).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("/properties/address/lines/1");
    assertThat(error.get("message").asString()).contains("NUL character");
    assertThat(contactsWithUserId(user)).isZero();
  }

  @Test
  void a_nul_in_a_trait_name_is_a_400_naming_that_key() {
    HttpResponse<String> response =
        post(
            "/v1/identify",
            "{\"userId\":\"u-%s\",\"traits\":{\"pl\\u0000an\":\"pro\"}}"
                .formatted(UUID.randomUUID()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString())
        .isEqualTo("/traits/pl\\u0000an");
  }

  @Test
  void in_a_batch_only_the_call_with_a_nul_is_rejected_and_the_good_calls_are_stored() {
    String good = "u-" + UUID.randomUUID();
    String bad = "u-" + UUID.randomUUID();
    HttpResponse<String> response =
        post(
            "/v1/batch",
            """
            {"batch": [
              {"type": "identify", "userId": "%s", "traits": {"firstName": "Ann"}},
              {"type": "track", "userId": "%s", "event": "Sig\\u0000ned Up"}
            ]}
            """
                .formatted(good, bad));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("stored").asInt()).isEqualTo(1);
    assertThat(answer.get("rejected").asInt()).isEqualTo(1);
    JsonNode rejected = answer.get("results").get(1);
    assertThat(rejected.get("status").asString()).isEqualTo("rejected");
    assertThat(rejected.get("errors").get(0).get("field").asString()).isEqualTo("/event");
    assertThat(contactsWithUserId(good)).isOne();
    assertThat(contactsWithUserId(bad)).isZero();
  }

  @Test
  void a_nul_in_a_list_name_is_a_400_naming_the_field_and_no_list_is_created() {
    long before = jdbc.sql("select count(*) from contact_list").query(Long.class).single();

    HttpResponse<String> response = post("/v1/lists", "{\"name\":\"News\\u0000letter\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("type").asString()).endsWith("/nul-character");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("/name");
    assertThat(jdbc.sql("select count(*) from contact_list").query(Long.class).single())
        .isEqualTo(before);
  }

  private long contactsWithUserId(String user) {
    return jdbc.sql("select count(*) from contact where external_id = :user")
        .param("user", user)
        .query(Long.class)
        .single();
  }
}
