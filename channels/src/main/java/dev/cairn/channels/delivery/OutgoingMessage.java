package dev.cairn.channels.delivery;

import dev.cairn.engine.step.Step;
import org.jspecify.annotations.Nullable;

/**
 * A rendered message for one contact, ready to be recorded and handed to a transport.
 *
 * @param locale the translation of its template it was rendered from (fr-CA), null for the default
 */
public record OutgoingMessage(
    Step step,
    Channel channel,
    String recipient,
    @Nullable String subject,
    @Nullable String bodyHtml,
    String bodyText,
    @Nullable String locale) {

  /** A message no translation is chosen for. */
  public OutgoingMessage(
      Step step,
      Channel channel,
      String recipient,
      @Nullable String subject,
      @Nullable String bodyHtml,
      String bodyText) {
    this(step, channel, recipient, subject, bodyHtml, bodyText, null);
  }
}
