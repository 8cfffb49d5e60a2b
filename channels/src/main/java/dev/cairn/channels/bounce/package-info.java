/**
 * Bounces and complaints: an address that cannot receive email (SMTP 5xx on the recipient, or a
 * provider's hard-bounce report) or whose owner marked a message as spam is suppressed for email,
 * and each report becomes a contact event journeys and analytics use.
 */
@NullMarked
package dev.cairn.channels.bounce;

import org.jspecify.annotations.NullMarked;
