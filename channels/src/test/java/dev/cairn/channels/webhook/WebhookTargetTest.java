package dev.cairn.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a marketer is told about a "call webhook" step before publishing. */
class WebhookTargetTest {

  @Test
  void an_https_address_with_the_default_timeout_has_no_problems() {
    Map<String, String> headers = Map.of("url", "https://crm.example.com/hooks/cairn?token=abc");

    assertThat(WebhookTarget.problems(headers)).isEmpty();
    assertThat(WebhookTarget.of(headers).timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void a_timeout_of_a_minute_is_the_longest_allowed() {
    assertThat(WebhookTarget.problems(Map.of("url", "http://10.0.0.5:8080/in", "timeout", "PT60S")))
        .isEmpty();
    assertThat(WebhookTarget.problems(Map.of("url", "http://10.0.0.5:8080/in", "timeout", "PT61S")))
        .containsExactly(
            "the timeout PT61S is longer than a webhook may take (at most PT60S, a minute).");
  }

  @Test
  void an_address_without_a_server_is_refused() {
    assertThat(WebhookTarget.problems(Map.of("url", "/hooks/cairn")))
        .containsExactly(
            "the address \"/hooks/cairn\" is not a full web address; start it with https:// and the server's name.");
  }

  @Test
  void an_address_that_is_not_http_is_refused() {
    assertThat(WebhookTarget.problems(Map.of("url", "ftp://files.example.com/drop")))
        .containsExactly(
            "the address \"ftp://files.example.com/drop\" is not a web address; a webhook is called over https:// (or http://).");
    assertThat(WebhookTarget.problems(Map.of("url", "mailto:sales@example.com")))
        .containsExactly(
            "the address \"mailto:sales@example.com\" is not a full web address; start it with https:// and the server's name.");
  }

  @Test
  void an_address_with_spaces_is_refused_with_the_reason() {
    assertThat(WebhookTarget.problems(Map.of("url", "https://crm.example.com/my hook")))
        .containsExactly(
            "the address \"https://crm.example.com/my hook\" is not a web address (Illegal character in path).");
  }

  @Test
  void a_timeout_that_is_not_a_duration_is_refused_with_an_example() {
    assertThat(
            WebhookTarget.problems(
                Map.of("url", "https://crm.example.com/in", "timeout", "10 seconds")))
        .containsExactly(
            "the timeout \"10 seconds\" is not a duration; write it like PT10S (10 seconds) or PT1M (a minute).");
  }

  @Test
  void a_timeout_of_zero_is_refused() {
    assertThat(
            WebhookTarget.problems(Map.of("url", "https://crm.example.com/in", "timeout", "PT0S")))
        .containsExactly(
            "the timeout PT0S is not long enough to get an answer; give it at least PT1S.");
  }

  @Test
  void every_problem_starts_in_lower_case_as_it_follows_the_steps_name() {
    assertThat(WebhookTarget.problems(Map.of("url", "crm", "timeout", "PT5M")))
        .hasSize(2)
        .allSatisfy(problem -> assertThat(Character.isLowerCase(problem.charAt(0))).isTrue());
  }
}
