/**
 * Text messages through Twilio: the "send SMS" step, status callbacks and inbound keywords (STOP /
 * START) verified by Twilio's signature, short tracked links for the web links in a text, and how
 * many segments a text takes. Without credentials, messages go to the outbox.
 */
@NullMarked
package dev.cairn.channels.sms;

import org.jspecify.annotations.NullMarked;
