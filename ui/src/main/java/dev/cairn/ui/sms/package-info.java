/** Twilio's webhooks: SMS delivery status and replies. */
@NullMarked
package dev.cairn.ui.sms;

import org.jspecify.annotations.NullMarked;
