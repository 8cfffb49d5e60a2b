package dev.cairn.engine.journey.run.camunda8;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Camunda 8 cluster journeys run on when {@code cairn.engine.mode=camunda8}. A local or
 * self-managed cluster without security needs only the two addresses, in plain text ({@code
 * http://}); Camunda SaaS and secured clusters add the OAuth client.
 *
 * @param grpcAddress the cluster's gRPC gateway, e.g. {@code http://localhost:26500} (plain text)
 *     or {@code https://<cluster-id>.<region>.zeebe.camunda.io:443} (TLS)
 * @param restAddress the cluster's REST API, e.g. {@code http://localhost:8080} or {@code
 *     https://<region>.zeebe.camunda.io/<cluster-id>}; handing events to waits (message
 *     correlation) and finding a stopped step's incident go through it
 * @param clientId OAuth client id (SaaS and secured self-managed clusters); none: no OAuth
 * @param clientSecret OAuth client secret
 * @param audience OAuth audience, e.g. {@code zeebe.camunda.io} on SaaS
 * @param tokenUrl the OAuth token endpoint, e.g. {@code https://login.cloud.camunda.io/oauth/token}
 * @param scope OAuth scope, where the identity provider wants one (self-managed with Entra ID, say)
 * @param requestTimeout how long one command may take before the client gives up on it
 * @param commandPatience how long a command is retried while the cluster pushes back or is
 *     unreachable before Cairn gives up on it
 * @param stepThreads steps performed at the same time (they wait on SMTP servers and SMS providers)
 * @param stepTimeout how long the cluster leaves a step with this Cairn before handing it to
 *     another worker (a Cairn that died mid-step is taken over after this)
 */
@ConfigurationProperties("cairn.engine.camunda8")
public record Camunda8Properties(
    @Nullable URI grpcAddress,
    @Nullable URI restAddress,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable String audience,
    @Nullable String tokenUrl,
    @Nullable String scope,
    @Nullable Duration requestTimeout,
    @Nullable Duration commandPatience,
    int stepThreads,
    @Nullable Duration stepTimeout) {

  public Camunda8Properties {
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(20) : requestTimeout;
    commandPatience = commandPatience == null ? Duration.ofMinutes(2) : commandPatience;
    stepThreads = stepThreads <= 0 ? 16 : stepThreads;
    stepTimeout = stepTimeout == null ? Duration.ofMinutes(1) : stepTimeout;
  }

  /** Whether the client signs in with OAuth (a client id is set). */
  boolean usesOAuth() {
    return clientId != null && !clientId.isBlank();
  }

  /** What is missing for Cairn to connect, in an operator's words; empty when nothing is. */
  java.util.List<String> missing() {
    java.util.List<String> missing = new java.util.ArrayList<>();
    if (grpcAddress == null) {
      missing.add("cairn.engine.camunda8.grpc-address (e.g. http://localhost:26500)");
    }
    if (restAddress == null) {
      missing.add("cairn.engine.camunda8.rest-address (e.g. http://localhost:8080)");
    }
    if (usesOAuth()) {
      if (clientSecret == null || clientSecret.isBlank()) {
        missing.add("cairn.engine.camunda8.client-secret");
      }
      if (tokenUrl == null || tokenUrl.isBlank()) {
        missing.add("cairn.engine.camunda8.token-url");
      }
    }
    return missing;
  }
}
