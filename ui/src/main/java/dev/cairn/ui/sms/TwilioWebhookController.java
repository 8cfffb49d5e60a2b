package dev.cairn.ui.sms;

import dev.cairn.channels.sms.TwilioWebhooks;
import dev.cairn.channels.tracking.TrackingProperties;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio posts here (form-encoded): {@code /sms/status} for delivery reports, {@code /sms/inbound}
 * for replies. Configure both URLs, under {@code cairn.tracking.public-url}, in the Twilio console.
 */
@RestController
class TwilioWebhookController {

  private static final String EMPTY_TWIML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

  private final TwilioWebhooks webhooks;
  private final String publicUrl;

  TwilioWebhookController(TwilioWebhooks webhooks, TrackingProperties tracking) {
    this.webhooks = webhooks;
    this.publicUrl = tracking.publicUrl();
  }

  @PostMapping(path = "/sms/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> status(
      @RequestParam Map<String, String> params,
      @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
    return answer(url -> webhooks.status(url, params, signature), "/sms/status");
  }

  @PostMapping(path = "/sms/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> inbound(
      @RequestParam Map<String, String> params,
      @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
    return answer(url -> webhooks.inbound(url, params, signature), "/sms/inbound");
  }

  private ResponseEntity<String> answer(
      Function<String, TwilioWebhooks.Result> handle, String path) {
    return switch (handle.apply(publicUrl + path)) {
      case TAKEN -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
      case FORGED ->
          ResponseEntity.status(HttpStatus.FORBIDDEN)
              .contentType(MediaType.TEXT_PLAIN)
              .body("Invalid X-Twilio-Signature.");
      case NOT_CONFIGURED ->
          ResponseEntity.status(HttpStatus.NOT_FOUND)
              .contentType(MediaType.TEXT_PLAIN)
              .body("SMS is not configured (cairn.sms.*).");
    };
  }
}
