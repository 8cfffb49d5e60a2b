package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.ui.writekey.NewWriteKey;
import dev.cairn.ui.writekey.WriteKey;
import dev.cairn.ui.writekey.WriteKeyScope;
import dev.cairn.ui.writekey.WriteKeys;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * Write keys over HTTP: a source key sends events and nothing else, a revoked or rotated key is
 * refused, each key's calls are limited, and only admins manage keys.
 */
class WriteKeysTest extends CairnIntegrationTest {

  @Autowired WriteKeys keys;

  @Test
  void a_source_key_sends_events_but_cannot_touch_lists_entries_attributes_or_bounces() {
    NewWriteKey website = as("ADMIN", () -> keys.create("Website", WriteKeyScope.SOURCE));

    assertThat(post("/v1/track", track(), website.secret()).statusCode()).isEqualTo(200);
    assertThat(post("/v1/batch", "{\"batch\":[" + track() + "]}", website.secret()).statusCode())
        .isEqualTo(200);
    for (String[] refused :
        List.of(
            new String[] {"GET", "/v1/lists"},
            new String[] {"POST", "/v1/lists"},
            new String[] {"GET", "/v1/attributes"},
            new String[] {"POST", "/v1/bounces"},
            new String[] {"POST", "/v1/journeys/welcome/entries"})) {
      HttpResponse<String> response =
          request(refused[0], refused[1], "{\"name\":\"Sneaky\"}", website.secret());
      assertThat(response.statusCode()).as(refused[0] + " " + refused[1]).isEqualTo(403);
      assertThat(response.body()).contains("write-key-out-of-scope").contains("with a server key");
    }
  }

  @Test
  void a_server_key_calls_every_endpoint_and_its_last_use_is_shown() {
    NewWriteKey billing = as("ADMIN", () -> keys.create("Billing server", WriteKeyScope.SERVER));
    assertThat(find(billing).lastUsedAt()).isNull();

    assertThat(request("GET", "/v1/lists", null, billing.secret()).statusCode()).isEqualTo(200);
    assertThat(post("/v1/track", track(), billing.secret()).statusCode()).isEqualTo(200);

    assertThat(find(billing).lastUsedAt()).isNotNull();
    assertThat(find(billing).scope()).isEqualTo(WriteKeyScope.SERVER);
  }

  @Test
  void a_revoked_key_is_refused_everywhere() {
    NewWriteKey old = as("ADMIN", () -> keys.create("Old shop", WriteKeyScope.SERVER));
    assertThat(post("/v1/track", track(), old.secret()).statusCode()).isEqualTo(200);

    as("ADMIN", () -> keys.revoke(old.key().id()));

    assertThat(post("/v1/track", track(), old.secret()).statusCode()).isEqualTo(401);
    assertThat(request("GET", "/v1/lists", null, old.secret()).body())
        .contains("unknown-write-key");
    assertThat(find(old).revoked()).isTrue();
  }

  @Test
  void a_rotated_key_keeps_its_name_and_scope_and_only_the_new_secret_works() {
    NewWriteKey first = as("ADMIN", () -> keys.create("App", WriteKeyScope.SOURCE));

    NewWriteKey rotated = as("ADMIN", () -> keys.rotate(first.key().id()));

    assertThat(rotated.secret()).isNotEqualTo(first.secret());
    assertThat(rotated.key().name()).isEqualTo("App");
    assertThat(rotated.key().scope()).isEqualTo(WriteKeyScope.SOURCE);
    assertThat(post("/v1/track", track(), first.secret()).statusCode()).isEqualTo(401);
    assertThat(post("/v1/track", track(), rotated.secret()).statusCode()).isEqualTo(200);
  }

  @Test
  void the_key_may_come_in_the_body_of_an_event_call_but_not_of_a_list_request() {
    NewWriteKey beacon = as("ADMIN", () -> keys.create("Beacon", WriteKeyScope.SERVER));
    String withKey =
        "{\"writeKey\":\"" + beacon.secret() + "\",\"userId\":\"u-body\",\"event\":\"Viewed\"}";

    assertThat(request("POST", "/v1/track", withKey, null).statusCode()).isEqualTo(200);
    assertThat(request("POST", "/v1/lists", withKey, null).statusCode()).isEqualTo(401);
    assertThat(
            request("POST", "/v1/track", "{\"userId\":\"u\",\"event\":\"E\"}", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void a_key_over_its_rate_limit_is_answered_429_with_retry_after_and_a_problem() {
    NewWriteKey busy = as("ADMIN", () -> keys.create("Busy site", WriteKeyScope.SOURCE));
    for (int call = 0; call < SOURCE_KEY_CALLS_PER_MINUTE; call++) {
      assertThat(post("/v1/page", page(), busy.secret()).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> refused = post("/v1/page", page(), busy.secret());

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("rate-limited").contains("Busy site");
    // Another key has a bucket of its own.
    assertThat(post("/v1/page", page()).statusCode()).isEqualTo(200);
  }

  @Test
  void only_an_admin_lists_creates_rotates_or_revokes_keys() {
    assertThatThrownBy(() -> keys.all())
        .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    for (String role : List.of("MARKETER", "MANAGER")) {
      assertThatThrownBy(() -> as(role, () -> keys.create("Mine", WriteKeyScope.SERVER)))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> as(role, () -> keys.all()))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  private WriteKey find(NewWriteKey created) {
    return as("ADMIN", () -> keys.all()).stream()
        .filter(key -> key.id() == created.key().id())
        .findFirst()
        .orElseThrow();
  }

  private <T> T as(String role, Supplier<T> work) {
    return signedInAs("someone", List.of("ROLE_" + role), work);
  }

  private void as(String role, Runnable work) {
    as(
        role,
        () -> {
          work.run();
          return null;
        });
  }

  private static String track() {
    return "{\"userId\":\"u-" + UUID.randomUUID() + "\",\"event\":\"Product Viewed\"}";
  }

  private static String page() {
    return "{\"anonymousId\":\"a-" + UUID.randomUUID() + "\",\"name\":\"Home\"}";
  }
}
