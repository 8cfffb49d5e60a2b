package dev.cairn.channels.delivery;

import dev.cairn.engine.step.Step;
import org.jspecify.annotations.Nullable;

/** A rendered message for one contact, ready to be recorded and handed to a transport. */
public record OutgoingMessage(
    Step step,
    Channel channel,
    String recipient,
    @Nullable String subject,
    @Nullable String bodyHtml,
    String bodyText) {}
