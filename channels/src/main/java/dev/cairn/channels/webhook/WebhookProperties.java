package dev.cairn.channels.webhook;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Webhook settings.
 *
 * @param signingSecret signs every webhook request ({@code X-Cairn-Signature}); unset: Cairn
 *     generates one on first start, prints it once and keeps it in its database
 * @param retryBackoff how long the engine waits before calling a receiver again that was down, busy
 *     or too slow
 * @param allowedPrivateNetworks loopback, link-local, private or otherwise internal networks
 *     ({@code 10.0.0.0/8}), addresses ({@code 127.0.0.1}) or host names ({@code crm.internal}) a
 *     webhook may call all the same; empty: none
 * @param allowPrivateAddresses {@code true} lets webhooks call every internal address (a Cairn
 *     whose marketers are all trusted with the internal network)
 */
@ConfigurationProperties("cairn.webhooks")
record WebhookProperties(
    @Nullable String signingSecret,
    Duration retryBackoff,
    List<String> allowedPrivateNetworks,
    boolean allowPrivateAddresses) {

  @ConstructorBinding
  WebhookProperties {
    retryBackoff = retryBackoff == null ? Duration.ofSeconds(30) : retryBackoff;
    allowedPrivateNetworks =
        allowedPrivateNetworks == null ? List.of() : List.copyOf(allowedPrivateNetworks);
  }

  /** Settings that let webhooks call no internal address. */
  WebhookProperties(@Nullable String signingSecret, @Nullable Duration retryBackoff) {
    this(signingSecret, retryBackoff, List.of(), false);
  }
}
