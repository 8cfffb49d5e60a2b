package dev.cairn.channels.email;

/** Hands a rendered email to wherever it goes: an SMTP server or the outbox. */
interface EmailTransport extends AutoCloseable {

  SendOutcome send(Email email);

  /** Lets go of open connections, at shutdown. */
  @Override
  default void close() {}

  /** SMTP when a server is configured, else the outbox: journeys and test sends alike. */
  static EmailTransport configured(MailProperties mail) {
    return mail.smtpConfigured() ? new SmtpTransport(mail) : new OutboxTransport();
  }
}
