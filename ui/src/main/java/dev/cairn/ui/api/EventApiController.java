package dev.cairn.ui.api;

import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IngestResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment-compatible event endpoints: {@code POST /v1/track} and {@code POST /v1/identify},
 * authenticated with a write key as the Basic-auth user name (or a {@code writeKey} field).
 */
@RestController
@RequestMapping(path = "/v1", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
class EventApiController {

  private final EventIngestion ingestion;
  private final WriteKeys writeKeys;
  private final JsonMapper json;
  private final SegmentPayload payload;
  private final int maxEventBytes;

  EventApiController(EventIngestion ingestion, WriteKeys writeKeys, JsonMapper json, Clock clock, ApiProperties properties) {
    this.ingestion = ingestion;
    this.writeKeys = writeKeys;
    this.json = json;
    this.payload = new SegmentPayload(json, clock);
    this.maxEventBytes = (int) properties.maxEventSize().toBytes();
  }

  @PostMapping("/track")
  ResponseEntity<?> track(HttpServletRequest request) throws IOException {
    return receive(EventType.TRACK, request);
  }

  @PostMapping("/identify")
  ResponseEntity<?> identify(HttpServletRequest request) throws IOException {
    return receive(EventType.IDENTIFY, request);
  }

  private ResponseEntity<?> receive(EventType type, HttpServletRequest request) throws IOException {
    String headerKey = basicAuthUser(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (headerKey != null && !writeKeys.isValid(headerKey)) {
      return unauthorized();
    }
    byte[] body = readAtMost(request, maxEventBytes);
    if (body.length > maxEventBytes) {
      return problem(ApiProblem.of(
          HttpStatus.CONTENT_TOO_LARGE,
          "event-too-large",
          "Event too large",
          "An event may be at most " + maxEventBytes / 1024 + " KB; send large data as several events or leave it out."));
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      return problem(ApiProblem.of(
          HttpStatus.BAD_REQUEST,
          "malformed-json",
          "Malformed JSON",
          "The body is not valid JSON (" + e.getOriginalMessage() + "). Send one JSON object per call."));
    }
    if (headerKey == null && !writeKeys.isValid(bodyWriteKey(root))) {
      return unauthorized();
    }
    return switch (payload.read(type, root)) {
      case SegmentPayload.Parsed.Invalid invalid -> problem(ApiProblem.invalid(invalid.errors()));
      case SegmentPayload.Parsed.Valid valid -> accepted(ingestion.ingest(valid.event()));
    };
  }

  private static ResponseEntity<?> accepted(IngestResult result) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    switch (result) {
      case IngestResult.Accepted accepted -> {
        answer.put("contactId", accepted.contactId().toString());
        answer.put("eventId", accepted.eventId());
        answer.put("duplicate", false);
      }
      case IngestResult.Duplicate duplicate -> answer.put("duplicate", true);
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
  }

  private static ResponseEntity<?> unauthorized() {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Cairn event API\"")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ApiProblem.of(
            HttpStatus.UNAUTHORIZED,
            "unknown-write-key",
            "Unknown write key",
            "Send your workspace's write key as the Basic-auth user name (curl -u KEY: ...) or as \"writeKey\" in the body."));
  }

  private static ResponseEntity<?> problem(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** Reads the body, stopping one byte past the limit so an oversized body is never held whole. */
  private static byte[] readAtMost(HttpServletRequest request, int limit) throws IOException {
    if (request.getContentLengthLong() > limit) {
      return new byte[limit + 1];
    }
    try (InputStream in = request.getInputStream()) {
      return in.readNBytes(limit + 1);
    }
  }

  private static @Nullable String basicAuthUser(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static @Nullable String bodyWriteKey(JsonNode root) {
    JsonNode key = root.isObject() ? root.get("writeKey") : null;
    return key != null && key.isString() ? key.asString() : null;
  }
}
