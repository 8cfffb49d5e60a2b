package dev.cairn.channels.delivery;

/** Where a message stands in the delivery ledger. */
public enum MessageStatus {
  /** Recorded, about to be handed to its transport. */
  PENDING,
  /** Accepted by the transport (SMTP server, SMS provider). */
  SENT,
  /** The provider reported it reached the recipient's device (SMS status callbacks). */
  DELIVERED,
  /** Kept in Cairn's outbox because no transport is configured. */
  OUTBOX,
  /** Not sent, on purpose (no address, no consent); see the reason. */
  SKIPPED,
  /** The transport refused it for good. */
  FAILED,
  /** Accepted, then reported undeliverable by the recipient's server or the email provider. */
  BOUNCED,
  /** The recipient marked it as spam (a provider's complaint report). */
  COMPLAINED,
  /** Rendered for a marketer's test run and shown there; never sent. */
  TEST
}
