package dev.cairn.channels.webhook;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook settings.
 *
 * @param signingSecret signs every webhook request ({@code X-Cairn-Signature}); unset: Cairn
 *     generates one on first start, prints it once and keeps it in its database
 * @param retryBackoff how long the engine waits before calling a receiver again that was down, busy
 *     or too slow
 */
@ConfigurationProperties("cairn.webhooks")
record WebhookProperties(@Nullable String signingSecret, Duration retryBackoff) {

  WebhookProperties {
    retryBackoff = retryBackoff == null ? Duration.ofSeconds(30) : retryBackoff;
  }
}
