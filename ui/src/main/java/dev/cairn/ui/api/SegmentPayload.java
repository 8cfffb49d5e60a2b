package dev.cairn.ui.api;

import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IncomingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Segment HTTP Tracking API payloads (track, identify, page, screen, group, alias),
 * collecting every problem rather than stopping at the first, so a sender can fix a request in one
 * go.
 */
final class SegmentPayload {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(SegmentPayload.class);

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int MAX_ID_LENGTH = 200;

  /** How far ahead of Cairn's clock a sender's time may be before it is taken as wrong. */
  static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);

  private final JsonMapper json;
  private final Clock clock;
  private final Duration futureTolerance;

  SegmentPayload(JsonMapper json, Clock clock) {
    this(json, clock, DEFAULT_FUTURE_TOLERANCE);
  }

  SegmentPayload(JsonMapper json, Clock clock, Duration futureTolerance) {
    this.json = json;
    this.clock = clock;
    this.futureTolerance = futureTolerance;
  }

  /** The outcome of reading a payload: an event, or the list of what is wrong with it. */
  sealed interface Parsed {
    /**
     * A valid call, and the consent it states ({@code traits.email_consent}, {@code
     * traits.sms_consent}).
     */
    record Valid(
        IncomingEvent event, Map<ConsentChannel, ConsentStatus> consent, List<FieldError> warnings)
        implements Parsed {
      Valid(IncomingEvent event) {
        this(event, Map.of(), List.of());
      }
    }

    record Invalid(List<FieldError> errors) implements Parsed {}
  }

  Parsed read(EventType type, JsonNode root) {
    List<FieldError> errors = new ArrayList<>();
    if (!root.isObject()) {
      return new Parsed.Invalid(List.of(new FieldError("/", "the body must be a JSON object")));
    }
    String userId = id(root, "userId", errors);
    String anonymousId = id(root, "anonymousId", errors);
    if (type == EventType.ALIAS) {
      if (userId == null && errors.isEmpty()) {
        errors.add(
            new FieldError(
                "/userId", "userId is required: the id the person is known by from now on"));
      }
    } else if (userId == null && anonymousId == null && errors.isEmpty()) {
      errors.add(
          new FieldError(
              "/userId", "either userId or anonymousId is required to know who this is about"));
    }
    String name = type == EventType.TRACK ? eventName(root, errors) : null;
    Map<String, Object> properties = new LinkedHashMap<>(object(root, "properties", errors));
    Map<String, Object> traits = object(root, "traits", errors);
    Map<String, Object> context = object(root, "context", errors);
    if (traits.isEmpty() && context.get("traits") instanceof Map<?, ?> contextTraits) {
      traits = json.convertValue(contextTraits, MAP);
    }
    String previousId = null;
    switch (type) {
      case PAGE, SCREEN -> {
        name = optionalText(root, "name", errors);
        String category = optionalText(root, "category", errors);
        if (category != null) {
          properties.putIfAbsent("category", category);
        }
      }
      case GROUP -> {
        // Group traits describe the group (company, plan), not the person: kept with the event.
        String groupId = id(root, "groupId", errors);
        if (groupId == null && errors.stream().noneMatch(e -> e.field().equals("/groupId"))) {
          errors.add(
              new FieldError(
                  "/groupId", "groupId is required: the id of the company, team or account"));
        }
        properties.put("groupId", groupId);
        properties.put("traits", traits);
        traits = Map.of();
      }
      case ALIAS -> {
        previousId = id(root, "previousId", errors);
        if (previousId == null && errors.stream().noneMatch(e -> e.field().equals("/previousId"))) {
          errors.add(
              new FieldError(
                  "/previousId", "previousId is required: the id the person was known by before"));
        }
        properties.put("previousId", previousId);
      }
      case TRACK, IDENTIFY -> {}
    }
    Map<ConsentChannel, ConsentStatus> consent = new EnumMap<>(ConsentChannel.class);
    traits = withoutConsent(traits, consent, errors);
    List<FieldError> warnings = new ArrayList<>();
    Instant occurredAt = timestamp(root, errors, warnings);
    String messageId = messageId(root, errors);
    if (!errors.isEmpty()) {
      return new Parsed.Invalid(errors);
    }
    return new Parsed.Valid(
        new IncomingEvent(
            messageId,
            type,
            new Identity(userId, type == EventType.ALIAS ? null : anonymousId),
            name,
            properties,
            Traits.fromSegment(traits)
                .withContext(contextText(context, "timezone"), contextText(context, "locale")),
            occurredAt,
            previousId),
        consent,
        List.copyOf(warnings));
  }

  /**
   * Takes {@code email_consent} / {@code sms_consent} out of the traits: consent, not attributes.
   */
  private static Map<String, Object> withoutConsent(
      Map<String, Object> traits,
      Map<ConsentChannel, ConsentStatus> consent,
      List<FieldError> errors) {
    Map<String, Object> rest = new LinkedHashMap<>(traits);
    for (ConsentChannel channel : ConsentChannel.values()) {
      String snake = channel.name().toLowerCase(java.util.Locale.ROOT) + "_consent";
      String camel = channel.name().toLowerCase(java.util.Locale.ROOT) + "Consent";
      Object value = rest.remove(snake);
      Object camelValue = rest.remove(camel);
      if (value == null) {
        value = camelValue;
      }
      if (value != null) {
        Object given = value;
        ConsentStatus.parse(value)
            .ifPresentOrElse(
                status -> consent.put(channel, status),
                () ->
                    errors.add(
                        new FieldError(
                            "/traits/" + snake,
                            snake + " must be subscribed, unsubscribed or pending, not " + given)));
      }
    }
    return rest;
  }

  private static @Nullable String contextText(Map<String, Object> context, String key) {
    return context.get(key) instanceof String text ? text : null;
  }

  /** The call's type inside a batch ("track", "identify", ...), or null with an error. */
  static @Nullable EventType type(JsonNode item, List<FieldError> errors) {
    JsonNode node = item.get("type");
    if (node != null && node.isString()) {
      for (EventType type : EventType.values()) {
        if (type.name().equalsIgnoreCase(node.asString().strip())) {
          return type;
        }
      }
    }
    errors.add(
        new FieldError("/type", "type must be one of track, identify, page, screen, group, alias"));
    return null;
  }

  private static @Nullable String optionalText(
      JsonNode root, String field, List<FieldError> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString() || node.asString().length() > MAX_ID_LENGTH) {
      errors.add(
          new FieldError(
              "/" + field,
              field + " must be a string of at most " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    return node.asString().isBlank() ? null : node.asString().strip();
  }

  private static @Nullable String id(JsonNode root, String field, List<FieldError> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString() && !node.isIntegralNumber()) {
      errors.add(new FieldError("/" + field, field + " must be a string"));
      return null;
    }
    String value = node.asString().strip();
    if (value.length() > MAX_ID_LENGTH) {
      errors.add(
          new FieldError("/" + field, field + " must be at most " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    return value.isEmpty() ? null : value;
  }

  private static @Nullable String eventName(JsonNode root, List<FieldError> errors) {
    JsonNode node = root.get("event");
    if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
      errors.add(
          new FieldError(
              "/event", "event is required: the name of what happened, e.g. \"Order Completed\""));
      return null;
    }
    if (!node.isString()) {
      errors.add(new FieldError("/event", "event must be a string"));
      return null;
    }
    if (node.asString().length() > MAX_ID_LENGTH) {
      errors.add(
          new FieldError("/event", "event must be at most " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    return node.asString().strip();
  }

  private Map<String, Object> object(JsonNode root, String field, List<FieldError> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      errors.add(new FieldError("/" + field, field + " must be a JSON object"));
      return Map.of();
    }
    return json.convertValue(node, MAP);
  }

  /**
   * When the call happened, as Segment reads it: {@code timestamp} (else RudderStack's {@code
   * originalTimestamp}) corrected for the sender's clock by {@code sentAt}, that is {@code
   * receivedAt - (sentAt - timestamp)}. A time further in the future than the tolerance is the
   * sender's clock gone wrong (or 9999-12-31): the call is stored at its receive time with a
   * warning, so such a date can never outrank every later change to a contact.
   */
  private Instant timestamp(JsonNode root, List<FieldError> errors, List<FieldError> warnings) {
    Instant received = clock.instant();
    String field = "timestamp";
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      field = "originalTimestamp";
      node = root.get(field);
    }
    if (node == null || node.isNull()) {
      return received;
    }
    Instant stated = instant(node);
    if (stated == null) {
      errors.add(
          new FieldError(
              "/" + field, field + " must be ISO-8601 with an offset, e.g. 2026-11-23T10:15:30Z"));
      return received;
    }
    Instant occurred = stated;
    JsonNode sentAtNode = root.get("sentAt");
    if (sentAtNode != null && !sentAtNode.isNull()) {
      Instant sentAt = instant(sentAtNode);
      if (sentAt == null) {
        warnings.add(
            new FieldError(
                "/sentAt",
                "sentAt is not ISO-8601 with an offset, so the sender's clock was not corrected"));
      } else {
        occurred = received.minus(Duration.between(stated, sentAt));
      }
    }
    if (occurred.isAfter(received.plus(futureTolerance))) {
      log.warn(
          "A call's {} {} is more than {} in the future; stored at its receive time",
          field,
          node.asString(),
          futureTolerance);
      warnings.add(
          new FieldError(
              "/" + field,
              field
                  + " "
                  + node.asString()
                  + " is more than "
                  + futureTolerance.toMinutes()
                  + " minutes in the future; the call was stored at the time Cairn received it"
                  + " (check the sender's clock)"));
      return received;
    }
    return occurred;
  }

  private static @Nullable Instant instant(JsonNode node) {
    if (!node.isString()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asString().strip()).toInstant();
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static String messageId(JsonNode root, List<FieldError> errors) {
    JsonNode node = root.get("messageId");
    if (node == null || node.isNull()) {
      return UUID.randomUUID().toString();
    }
    if (!node.isString() || node.asString().isBlank() || node.asString().length() > MAX_ID_LENGTH) {
      errors.add(
          new FieldError(
              "/messageId",
              "messageId must be a non-empty string of at most " + MAX_ID_LENGTH + " characters"));
      return "";
    }
    return node.asString();
  }
}
