package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.ui.api.RejectedCalls;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A call Cairn refuses is kept with its write key, field and reason, for the console's Rejected
 * calls page: senders drop refused calls without retrying, so this is where a developer sees why.
 */
class RejectedCallsTest extends CairnIntegrationTest {

  @Autowired RejectedCalls rejectedCalls;

  @Test
  void a_rejected_call_of_a_batch_is_kept_with_its_key_field_and_reason() {
    String marker = "m-" + UUID.randomUUID();
    HttpResponse<String> response =
        post(
            "/v1/batch",
            """
            {"batch": [
              {"type": "identify", "userId": "u-%1$s"},
              {"type": "track", "userId": "u-%1$s", "properties": {"marker": "%1$s"}}
            ]}
            """
                .formatted(marker));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(rejectedCalls.newest(20))
        .filteredOn(call -> call.excerpt().contains(marker))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.writeKeyName()).isEqualTo("Configured");
              assertThat(call.endpoint()).isEqualTo("/v1/batch [1]");
              assertThat(call.field()).isEqualTo("/event");
              assertThat(call.reason()).contains("event is required");
            });
  }

  @Test
  void a_refused_single_call_and_a_body_that_is_not_json_are_kept_too() {
    String marker = "m-" + UUID.randomUUID();
    post("/v1/track", "{\"event\":\"Signed Up\",\"properties\":{\"marker\":\"" + marker + "\"}}");
    post("/v1/identify", "{\"userId\": \"" + marker + "\", ");

    assertThat(rejectedCalls.newest(20))
        .filteredOn(call -> call.excerpt().contains(marker))
        .extracting(RejectedCalls.RejectedCall::endpoint, RejectedCalls.RejectedCall::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/v1/identify", "/"),
            org.assertj.core.groups.Tuple.tuple("/v1/track", "/userId"));
  }
}
