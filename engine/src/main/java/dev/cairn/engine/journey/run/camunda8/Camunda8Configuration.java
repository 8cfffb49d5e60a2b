package dev.cairn.engine.journey.run.camunda8;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.run.JourneyEngine;
import dev.cairn.engine.step.StepHandler;
import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.impl.oauth.OAuthCredentialsProviderBuilder;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journeys on a Camunda 8 cluster, with {@code cairn.engine.mode=camunda8}: the client, the step
 * workers and the engine port. Cairn only connects; it never downloads or starts a broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cairn.engine.mode", havingValue = "camunda8")
@EnableConfigurationProperties(Camunda8Properties.class)
class Camunda8Configuration {

  @Bean(destroyMethod = "close")
  CamundaClient camundaClient(Camunda8Properties properties) {
    return client(properties);
  }

  static CamundaClient client(Camunda8Properties properties) {
    List<String> missing = properties.missing();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "cairn.engine.mode=camunda8 needs " + String.join(", ", missing));
    }
    CamundaClientBuilder builder =
        CamundaClient.newClientBuilder()
            // Settings come from Cairn's properties only, not from CAMUNDA_* variables as well.
            .applyEnvironmentVariableOverrides(false)
            .grpcAddress(properties.grpcAddress())
            .restAddress(properties.restAddress())
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(properties.requestTimeout())
            // Steps wait on SMTP servers and SMS providers: several at once.
            .numJobWorkerExecutionThreads(properties.stepThreads());
    if (properties.usesOAuth()) {
      OAuthCredentialsProviderBuilder credentials =
          CredentialsProvider.newCredentialsProviderBuilder()
              .applyEnvironmentOverrides(false)
              .clientId(properties.clientId())
              .clientSecret(properties.clientSecret())
              .authorizationServerUrl(properties.tokenUrl());
      if (properties.audience() != null && !properties.audience().isBlank()) {
        credentials.audience(properties.audience());
      }
      if (properties.scope() != null && !properties.scope().isBlank()) {
        credentials.scope(properties.scope());
      }
      builder.credentialsProvider(credentials.build());
    }
    return builder.build();
  }

  @Bean
  JourneyEngine journeyEngine(
      CamundaClient client,
      Camunda8Properties properties,
      List<StepHandler> handlers,
      Contacts contacts,
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      Clock clock) {
    Commands commands = new Commands(properties.commandPatience(), clock, Thread::sleep);
    Tracking tracking = new Tracking(jdbc, clock);
    JobWorkers workers =
        new JobWorkers(
            client,
            commands,
            handlers,
            contacts,
            tracking,
            new TransactionTemplate(transactions),
            properties);
    return new CamundaJourneyEngine(client, commands, workers, tracking, jdbc);
  }
}
