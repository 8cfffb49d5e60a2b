/**
 * The "call webhook" step: a signed JSON POST about the contact and the journey step to a
 * receiver's URL, retried with backoff while the receiver is down or busy, every attempt on the
 * contact's timeline.
 */
@NullMarked
package dev.cairn.channels.webhook;

import org.jspecify.annotations.NullMarked;
