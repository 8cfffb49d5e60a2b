package dev.cairn.engine.broker;

import dev.cairn.engine.database.DatabaseConnection;
import dev.cairn.engine.home.CairnHome;
import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Camunda client Cairn drives journeys with, against its own broker or a remote cluster. */
@Configuration(proxyBeanMethods = false)
class ZeebeConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "cairn.zeebe.mode", havingValue = "embedded", matchIfMissing = true)
  EmbeddedBroker embeddedBroker(ZeebeProperties properties, CairnHome home, DatabaseConnection database) {
    return EmbeddedBroker.start(properties.embedded(), home, database);
  }

  /** Closed before the broker stops, since it depends on it. */
  @Bean(destroyMethod = "close")
  CamundaClient camundaClient(ZeebeProperties properties, ObjectProvider<EmbeddedBroker> embedded) {
    CamundaClientBuilder builder =
        CamundaClient.newClientBuilder()
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(20))
            // Steps wait on SMTP servers and SMS providers: run several at once.
            .numJobWorkerExecutionThreads(properties.workerThreads());
    return switch (properties.mode()) {
      case EMBEDDED -> builder.grpcAddress(embedded.getObject().gatewayAddress()).build();
      case REMOTE -> remote(builder, properties.remote()).build();
    };
  }

  private static CamundaClientBuilder remote(CamundaClientBuilder builder, ZeebeProperties.Remote remote) {
    if (remote.grpcAddress() == null) {
      throw new IllegalStateException(
          "cairn.zeebe.mode=remote needs cairn.zeebe.remote.grpc-address, e.g. http://zeebe:26500");
    }
    builder.grpcAddress(remote.grpcAddress());
    URI rest = remote.restAddress();
    if (rest != null) {
      builder.restAddress(rest);
    }
    if (remote.usesOAuth()) {
      builder.credentialsProvider(
          CredentialsProvider.newCredentialsProviderBuilder()
              .clientId(remote.clientId())
              .clientSecret(remote.clientSecret())
              .audience(remote.audience())
              .authorizationServerUrl(remote.authorizationServerUrl())
              .build());
    }
    return builder;
  }
}
