package dev.cairn.channels.email;

/** What became of a test email sent from the template editor. */
public sealed interface TestEmailResult {

  /** Handed to the SMTP server. */
  record Sent(long messageId, String transport) implements TestEmailResult {}

  /** Kept in the outbox: no SMTP server is configured. */
  record InOutbox(long messageId) implements TestEmailResult {}

  /** The SMTP server refused it or could not be reached; a test is not retried. */
  record NotSent(long messageId, String reason) implements TestEmailResult {}
}
