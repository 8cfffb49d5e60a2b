package dev.cairn.channels.email;

import org.jspecify.annotations.Nullable;

/**
 * A rendered email.
 *
 * @param to one address, or several separated by commas
 * @param html the HTML part; null for a plain-text email
 * @param unsubscribeUrl the one-click unsubscribe link (RFC 8058 {@code List-Unsubscribe})
 */
record Email(
    long messageId,
    String to,
    String subject,
    @Nullable String html,
    String text,
    @Nullable String unsubscribeUrl) {}
