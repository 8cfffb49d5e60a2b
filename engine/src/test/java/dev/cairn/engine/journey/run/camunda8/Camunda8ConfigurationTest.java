package dev.cairn.engine.journey.run.camunda8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.run.JourneyEngine;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

class Camunda8ConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(Camunda8Configuration.class)
          .withBean(Contacts.class, () -> mock(Contacts.class))
          .withBean(JdbcTemplate.class, () -> mock(JdbcTemplate.class))
          .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
          .withBean(Clock.class, Clock::systemUTC)
          .withBean(
              "email", dev.cairn.engine.step.StepHandler.class, () -> Journeys.step("cairn.email"));

  @Test
  void without_a_mode_cairn_does_not_connect_to_a_camunda_cluster() {
    context.run(
        started -> {
          assertThat(started).hasNotFailed();
          assertThat(started)
              .doesNotHaveBean(CamundaClient.class)
              .doesNotHaveBean(JourneyEngine.class);
        });
  }

  @Test
  void the_embedded_mode_does_not_connect_to_a_camunda_cluster() {
    context
        .withPropertyValues("cairn.engine.mode=embedded")
        .run(started -> assertThat(started).doesNotHaveBean(CamundaClient.class));
  }

  @Test
  void the_camunda8_mode_runs_journeys_on_the_cluster_it_is_given() {
    context
        .withPropertyValues(
            "cairn.engine.mode=camunda8",
            "cairn.engine.camunda8.grpc-address=http://localhost:26500",
            "cairn.engine.camunda8.rest-address=http://localhost:8080")
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              assertThat(started).hasSingleBean(CamundaClient.class);
              assertThat(started.getBean(JourneyEngine.class))
                  .isInstanceOf(CamundaJourneyEngine.class);
              CamundaClient client = started.getBean(CamundaClient.class);
              assertThat(client.getConfiguration().getGrpcAddress())
                  .isEqualTo(URI.create("http://localhost:26500"));
              assertThat(client.getConfiguration().getRestAddress())
                  .isEqualTo(URI.create("http://localhost:8080"));
            });
  }

  @Test
  void the_camunda8_mode_without_addresses_says_which_settings_it_needs() {
    context
        .withPropertyValues("cairn.engine.mode=camunda8")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("cairn.engine.camunda8.grpc-address")
                    .hasMessageContaining("cairn.engine.camunda8.rest-address"));
  }

  @Test
  void saas_settings_bind_with_the_oauth_client() {
    Camunda8Properties properties =
        bind(
            Map.of(
                "cairn.engine.camunda8.grpc-address", "https://abc.bru-2.zeebe.camunda.io:443",
                "cairn.engine.camunda8.rest-address", "https://bru-2.zeebe.camunda.io/abc",
                "cairn.engine.camunda8.client-id", "cairn",
                "cairn.engine.camunda8.client-secret", "s3cret",
                "cairn.engine.camunda8.audience", "zeebe.camunda.io",
                "cairn.engine.camunda8.token-url", "https://login.cloud.camunda.io/oauth/token",
                "cairn.engine.camunda8.step-threads", "4",
                "cairn.engine.camunda8.step-timeout", "PT2M"));

    assertThat(properties.usesOAuth()).isTrue();
    assertThat(properties.missing()).isEmpty();
    assertThat(properties.grpcAddress())
        .isEqualTo(URI.create("https://abc.bru-2.zeebe.camunda.io:443"));
    assertThat(properties.audience()).isEqualTo("zeebe.camunda.io");
    assertThat(properties.stepThreads()).isEqualTo(4);
    assertThat(properties.stepTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void an_oauth_client_without_its_secret_and_token_url_is_reported_before_connecting() {
    Camunda8Properties properties =
        bind(
            Map.of(
                "cairn.engine.camunda8.grpc-address", "http://localhost:26500",
                "cairn.engine.camunda8.rest-address", "http://localhost:8080",
                "cairn.engine.camunda8.client-id", "cairn"));

    assertThat(properties.missing())
        .containsExactly("cairn.engine.camunda8.client-secret", "cairn.engine.camunda8.token-url");
  }

  @Test
  void a_plaintext_local_cluster_needs_only_its_addresses_and_gets_working_defaults() {
    Camunda8Properties properties =
        bind(
            Map.of(
                "cairn.engine.camunda8.grpc-address",
                "http://localhost:26500",
                "cairn.engine.camunda8.rest-address",
                "http://localhost:8080"));

    assertThat(properties.usesOAuth()).isFalse();
    assertThat(properties.missing()).isEmpty();
    assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(properties.commandPatience()).isEqualTo(Duration.ofMinutes(2));
    assertThat(properties.stepThreads()).isEqualTo(16);
    assertThat(properties.stepTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  private static Camunda8Properties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("cairn.engine.camunda8", Camunda8Properties.class);
  }
}
