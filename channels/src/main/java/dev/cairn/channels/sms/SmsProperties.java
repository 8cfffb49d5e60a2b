package dev.cairn.channels.sms;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Twilio settings. Without an account SID and auth token, text messages go to the outbox.
 *
 * @param messagingServiceSid send through this messaging service (preferred), else from {@code
 *     fromNumber}
 * @param apiBaseUrl route the SDK's requests to another server (a local stand-in); unset: Twilio
 */
@ConfigurationProperties("cairn.sms")
public record SmsProperties(
    @Nullable String accountSid,
    @Nullable String authToken,
    @Nullable String messagingServiceSid,
    @Nullable String fromNumber,
    @Nullable String apiBaseUrl) {

  boolean configured() {
    return accountSid != null && !accountSid.isBlank() && authToken != null && !authToken.isBlank();
  }
}
