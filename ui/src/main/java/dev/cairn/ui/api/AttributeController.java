package dev.cairn.ui.api;

import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.attribute.DeclaredAttribute;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The attribute schema over HTTP: {@code GET /v1/attributes} lists the declared attributes and the
 * undeclared traits seen in data, {@code POST /v1/attributes} declares one (or changes it), with
 * the write key as the Basic-auth user name like the event API.
 */
@RestController
@RequestMapping(
    path = "/v1/attributes",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
class AttributeController {

  private final Attributes attributes;

  AttributeController(Attributes attributes) {
    this.attributes = attributes;
  }

  @GetMapping
  ResponseEntity<?> list() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "declared",
        attributes.declared().stream()
            .map(
                usage -> {
                  Map<String, Object> row = describe(usage.attribute());
                  row.put("contacts", usage.contacts());
                  return row;
                })
            .toList());
    answer.put(
        "undeclared",
        attributes.undeclared().stream()
            .map(
                seen ->
                    Map.of(
                        "name",
                        seen.name(),
                        "contacts",
                        seen.contacts(),
                        "suggestedType",
                        seen.suggestedType().label()))
            .toList());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
  }

  @PostMapping
  ResponseEntity<?> declare(@RequestBody(required = false) @Nullable JsonNode body) {
    if (body == null
        || !body.isObject()
        || !body.path("name").isString()
        || !body.path("type").isString()) {
      return invalid(
          "Send a JSON object with the attribute's \"name\" and \"type\", e.g. {\"name\": \"trial_ends_on\", \"type\": \"date\", \"label\": \"Trial ends on\"}.");
    }
    String typeName = body.path("type").asString().strip().toUpperCase(Locale.ROOT);
    AttributeType type;
    try {
      type = AttributeType.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      return invalid(
          "\""
              + body.path("type").asString()
              + "\" is not an attribute type; use one of "
              + Arrays.stream(AttributeType.values()).map(AttributeType::label).toList()
              + ".");
    }
    return switch (attributes.declare(
        body.path("name").asString(), type, text(body, "label"), text(body, "description"))) {
      case Attributes.Declaration.Declared declared -> {
        Map<String, Object> answer = describe(declared.attribute());
        answer.put("converted", declared.converted());
        yield ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
      }
      case Attributes.Declaration.Refused refused ->
          ApiProblem.answer(
              ApiProblem.of(
                  HttpStatus.UNPROCESSABLE_CONTENT,
                  "attribute-refused",
                  "Attribute not declared",
                  refused.reason()));
    };
  }

  private static Map<String, Object> describe(DeclaredAttribute attribute) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", attribute.name());
    row.put("type", attribute.type().label());
    row.put("label", attribute.label());
    if (attribute.description() != null) {
      row.put("description", attribute.description());
    }
    row.put("createdAt", attribute.createdAt().toString());
    return row;
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }

  private static ResponseEntity<?> invalid(String detail) {
    return ApiProblem.answer(
        ApiProblem.of(HttpStatus.BAD_REQUEST, "invalid-attribute", "Invalid attribute", detail));
  }
}
