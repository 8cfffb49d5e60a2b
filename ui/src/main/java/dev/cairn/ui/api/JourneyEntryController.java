package dev.cairn.ui.api;

import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.JourneyStatus;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.run.JourneyEntry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "API call" entry trigger: a backend puts a known contact into a running journey, e.g. when a
 * subscription renews, with properties the journey's steps can use as {@code event.properties}.
 */
@RestController
@RequestMapping(
    path = "/v1/journeys",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
class JourneyEntryController {

  private final JourneyEntry entry;
  private final Journeys journeys;
  private final Contacts contacts;
  private final JsonMapper json;

  JourneyEntryController(
      JourneyEntry entry, Journeys journeys, Contacts contacts, JsonMapper json) {
    this.entry = entry;
    this.journeys = journeys;
    this.contacts = contacts;
    this.json = json;
  }

  @PostMapping("/{journeyId}/entries")
  ResponseEntity<?> enter(
      @PathVariable String journeyId, @RequestBody(required = false) @Nullable JsonNode body) {
    if (body == null
        || !body.isObject()
        || !body.path("userId").isString()
        || body.path("userId").asString().isBlank()) {
      return ApiProblem.answer(
          ApiProblem.of(
              HttpStatus.BAD_REQUEST,
              "invalid-entry",
              "Invalid entry",
              "Send a JSON object with the contact's \"userId\", e.g. {\"userId\": \"u-42\", \"properties\": {\"plan\": \"Pro\"}}."));
    }
    JsonNode properties = body.path("properties");
    if (!properties.isMissingNode() && !properties.isNull() && !properties.isObject()) {
      return ApiProblem.answer(
          ApiProblem.of(
              HttpStatus.BAD_REQUEST,
              "invalid-entry",
              "Invalid entry",
              "\"properties\" must be a JSON object."));
    }
    if (journeys.find(journeyId).isEmpty()) {
      return ApiProblem.answer(
          ApiProblem.of(
              HttpStatus.NOT_FOUND,
              "unknown-journey",
              "Unknown journey",
              "No journey has the id \"" + journeyId + "\"."));
    }
    String userId = body.path("userId").asString();
    Optional<ContactProfile> contact = contacts.findByUserId(userId);
    if (contact.isEmpty()) {
      return ApiProblem.answer(
          ApiProblem.of(
              HttpStatus.NOT_FOUND,
              "unknown-contact",
              "Unknown contact",
              "No contact has the userId \""
                  + userId
                  + "\"; send an identify call for them first."));
    }
    Map<String, Object> given = properties.isObject() ? asMap(properties) : Map.of();
    return switch (entry.enterOnRequest(contact.get().id(), journeyId, given)) {
      case JourneyEntry.Request.Entered entered -> ResponseEntity.ok(Map.of("entered", true));
      case JourneyEntry.Request.Declined declined ->
          ResponseEntity.ok(Map.of("entered", false, "reason", declined.reason()));
      case JourneyEntry.Request.NotRunning notRunning ->
          ApiProblem.answer(
              ApiProblem.of(
                  HttpStatus.CONFLICT,
                  "journey-not-running",
                  "Journey not running",
                  "The journey \""
                      + journeyId
                      + "\" is "
                      + (notRunning.status() == JourneyStatus.DRAFT
                          ? "a draft"
                          : notRunning.status().name().toLowerCase(Locale.ROOT))
                      + "; publish or resume it in the console first."));
    };
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(JsonNode properties) {
    return new LinkedHashMap<>(json.treeToValue(properties, Map.class));
  }
}
