package dev.cairn.channels.email;

/**
 * Keeps email in Cairn's outbox when no SMTP server is configured; the ledger row is the outbox.
 */
final class OutboxTransport implements EmailTransport {

  @Override
  public SendOutcome send(Email email) {
    return new SendOutcome.Held();
  }
}
