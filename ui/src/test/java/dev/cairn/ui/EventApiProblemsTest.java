package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bad input on the event API is answered with RFC 9457 problem details and stores nothing. */
class EventApiProblemsTest extends CairnIntegrationTest {

  @Autowired JdbcClient jdbc;
  private final JsonMapper json = JsonMapper.builder().build();
  private long eventsBefore;
  private long contactsBefore;

  @BeforeEach
  void countStoredData() {
    eventsBefore = count("contact_event");
    contactsBefore = count("contact");
  }

  @Test
  void malformed_json_is_a_400_problem_and_nothing_is_stored() {
    HttpResponse<String> response = post("/v1/track", "{\"userId\": \"u-1\", \"event\": ");

    assertProblem(response, 400, "malformed-json");
    assertThat(problem(response).get("detail").asString()).contains("not valid JSON");
    assertNothingStored();
  }

  @Test
  void an_event_without_userId_or_anonymousId_is_a_400_problem_naming_the_field() {
    HttpResponse<String> response =
        post("/v1/track", "{\"event\":\"Signed Up\",\"traits\":{\"email\":\"x@example.com\"}}");

    assertProblem(response, 400, "invalid-event");
    JsonNode error = problem(response).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("/userId");
    assertThat(error.get("message").asString()).contains("userId or anonymousId is required");
    assertNothingStored();
  }

  @Test
  void fields_of_the_wrong_type_are_all_reported_together() {
    HttpResponse<String> response =
        post("/v1/track", "{\"userId\":[1],\"event\":7,\"properties\":\"x\"}");

    assertProblem(response, 400, "invalid-event");
    assertThat(problem(response).get("errors").findValuesAsString("field"))
        .containsExactly("/userId", "/event", "/properties");
    assertNothingStored();
  }

  @Test
  void an_unknown_write_key_is_a_401_problem_that_says_how_to_authenticate() {
    HttpResponse<String> response =
        post("/v1/track", "{\"userId\":\"u-1\",\"event\":\"Signed Up\"}", "wk_not_a_key");

    assertProblem(response, 401, "unknown-write-key");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
    assertNothingStored();
  }

  @Test
  void an_event_over_32_kb_is_a_413_problem_and_nothing_is_stored() {
    String big = "x".repeat(40 * 1024);
    HttpResponse<String> response =
        post(
            "/v1/track",
            "{\"userId\":\"u-big\",\"event\":\"Big\",\"properties\":{\"blob\":\"" + big + "\"}}");

    assertProblem(response, 413, "event-too-large");
    assertNothingStored();
  }

  @Test
  void a_retried_call_with_the_same_messageId_is_stored_once() {
    String body = "{\"userId\":\"u-retry\",\"event\":\"Product Viewed\",\"messageId\":\"retry-1\"}";

    HttpResponse<String> first = post("/v1/track", body);
    HttpResponse<String> second = post("/v1/track", body);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json.readTree(second.body()).get("duplicate").asBoolean()).isTrue();
    assertThat(count("contact_event")).isEqualTo(eventsBefore + 1);
  }

  private void assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
    JsonNode problem = problem(response);
    assertThat(problem.get("type").asString()).isEqualTo("https://cairn.dev/problems/" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asString()).isNotBlank();
  }

  private void assertNothingStored() {
    assertThat(count("contact_event")).isEqualTo(eventsBefore);
    assertThat(count("contact")).isEqualTo(contactsBefore);
  }

  private JsonNode problem(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
