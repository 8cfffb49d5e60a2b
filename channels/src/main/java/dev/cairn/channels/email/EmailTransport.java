package dev.cairn.channels.email;

/** Hands a rendered email to wherever it goes: an SMTP server or the outbox. */
interface EmailTransport {

  SendOutcome send(Email email);
}
