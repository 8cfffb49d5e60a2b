package dev.cairn.channels.email;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SMTP settings. Without a host, email goes to Cairn's outbox instead of being delivered.
 *
 * @param security NONE (plain, e.g. a local catcher), STARTTLS (port 587) or TLS (port 465)
 * @param from the sender, e.g. {@code "Acme <hello@acme.test>"}
 * @param connections open connections kept for the next message (each sends one message at a time)
 */
@ConfigurationProperties("cairn.mail")
public record MailProperties(
    @Nullable String host,
    int port,
    @Nullable String username,
    @Nullable String password,
    Security security,
    String from,
    Duration timeout,
    int connections) {

  public enum Security {
    NONE,
    STARTTLS,
    TLS
  }

  public MailProperties {
    port = port <= 0 ? 587 : port;
    security = security == null ? Security.STARTTLS : security;
    from = from == null || from.isBlank() ? "Cairn <hello@localhost>" : from;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    connections = connections <= 0 ? 8 : connections;
  }

  boolean smtpConfigured() {
    return host != null && !host.isBlank();
  }
}
