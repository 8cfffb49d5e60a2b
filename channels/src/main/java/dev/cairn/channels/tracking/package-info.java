/**
 * What happens after an email is sent: opens (a pixel), clicks (links rewritten to signed, expiring
 * redirects that only lead to links the message contained) and one-click unsubscribe (RFC 8058).
 * Each becomes a contact event journeys and segments can use.
 */
@NullMarked
package dev.cairn.channels.tracking;

import org.jspecify.annotations.NullMarked;
