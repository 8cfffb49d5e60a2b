package dev.cairn.channels.delivery;

import dev.cairn.engine.contact.ContactId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message as the outbox and the contact timeline show it.
 *
 * @param testSentBy who sent it from the template editor as a test; null for journey messages
 */
public record MessageView(
    long id,
    @Nullable ContactId contactId,
    @Nullable String journeyId,
    @Nullable String elementId,
    Channel channel,
    String recipient,
    @Nullable String subject,
    @Nullable String bodyHtml,
    @Nullable String bodyText,
    MessageStatus status,
    @Nullable String transport,
    @Nullable String error,
    Instant createdAt,
    @Nullable Instant sentAt,
    @Nullable String testSentBy) {

  /** A test sent from the template editor: no contact's message, and no marketing. */
  public boolean test() {
    return testSentBy != null;
  }
}
