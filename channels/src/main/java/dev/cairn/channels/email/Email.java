package dev.cairn.channels.email;

import org.jspecify.annotations.Nullable;

/**
 * A rendered email.
 *
 * @param unsubscribeUrl the one-click unsubscribe link (RFC 8058 {@code List-Unsubscribe})
 */
record Email(long messageId, String to, String subject, String html, String text, @Nullable String unsubscribeUrl) {}
