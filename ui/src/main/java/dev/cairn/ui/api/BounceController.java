package dev.cairn.ui.api;

import dev.cairn.channels.bounce.Bounces;
import dev.cairn.engine.contact.EmailAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Bounce and complaint reports from an email provider (or a mailbox-processing script): a hard
 * bounce or complaint suppresses the address for email, a soft bounce is only recorded.
 */
@RestController
@RequestMapping(
    path = "/v1/email",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
class BounceController {

  private final Bounces bounces;

  BounceController(Bounces bounces) {
    this.bounces = bounces;
  }

  @PostMapping("/bounces")
  ResponseEntity<?> report(@RequestBody(required = false) @Nullable JsonNode body) {
    String email =
        body != null && body.path("email").isString() ? body.path("email").asString().strip() : "";
    if (!validEmail(email)) {
      return invalid(
          "Send the address that bounced as \"email\", e.g. {\"email\": \"ann@example.com\", \"type\": \"hard\"}.");
    }
    String type =
        body.path("type").isString()
            ? body.path("type").asString().strip().toUpperCase(Locale.ROOT)
            : "";
    Bounces.Kind kind;
    try {
      kind = Bounces.Kind.valueOf(type);
    } catch (IllegalArgumentException e) {
      return invalid("\"type\" must be hard, soft or complaint.");
    }
    JsonNode messageId = body.path("messageId");
    if (!messageId.isMissingNode() && !messageId.isNull() && !messageId.canConvertToLong()) {
      return invalid(
          "\"messageId\" is Cairn's message number (from the X-Cairn-Message-Id header); leave it out if you do not have it.");
    }
    String reason = body.path("reason").isString() ? body.path("reason").asString() : null;
    Bounces.Outcome outcome =
        bounces.report(
            new Bounces.Report(
                email, kind, reason, messageId.canConvertToLong() ? messageId.asLong() : null),
            "provider webhook");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("contacts", outcome.contacts());
    answer.put("messageId", outcome.messageId());
    answer.put("suppressed", kind != Bounces.Kind.SOFT && outcome.contacts() > 0);
    return ResponseEntity.ok(answer);
  }

  private static boolean validEmail(String email) {
    return EmailAddress.parse(email).isPresent();
  }

  private static ResponseEntity<ProblemDetail> invalid(String detail) {
    return ApiProblem.answer(
        ApiProblem.of(HttpStatus.BAD_REQUEST, "invalid-bounce", "Invalid bounce report", detail));
  }
}
