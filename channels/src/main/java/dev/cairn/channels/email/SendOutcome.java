package dev.cairn.channels.email;

/** What a transport did with a message. */
sealed interface SendOutcome {

  /** Accepted by the server. */
  record Delivered(String transport) implements SendOutcome {}

  /** Kept in the outbox: no server is configured. */
  record Held() implements SendOutcome {}

  /**
   * Refused for good (for example SMTP 5xx): retrying will not help. {@code addressRefused}: the
   * server said the recipient does not exist or takes no mail (a hard bounce), not that it refused
   * this one message.
   */
  record Rejected(String reason, boolean addressRefused) implements SendOutcome {}

  /** Not possible right now (server down, SMTP 4xx): try again later. */
  record Deferred(String reason) implements SendOutcome {}
}
