package dev.cairn.ui.api;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.list.ContactReference;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of a members call, read: one contact ({@code {"userId": "u-42"}}) or many ({@code
 * {"contacts": [{"email": "ann@example.com"}, {"contactId": "…"}]}}), each named by exactly one of
 * contactId, userId and email. A body with anything wrong is refused whole, naming every field to
 * fix.
 */
sealed interface MemberRequest {

  /** The most contacts one call may name. */
  int MOST_CONTACTS = 1000;

  String EXAMPLE =
      "{\"userId\": \"u-42\"}, or {\"contacts\": [{\"userId\": \"u-42\"}, {\"email\": \"ann@example.com\"}]}";

  /** One contact: an unknown one is the call's problem. */
  record One(ContactReference contact) implements MemberRequest {}

  /** Several: each unknown one is reported, the others are changed. */
  record Many(List<ContactReference> contacts) implements MemberRequest {
    public Many {
      contacts = List.copyOf(contacts);
    }
  }

  /** What to fix, per field. */
  record Invalid(List<FieldError> errors) implements MemberRequest {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }

  static MemberRequest read(JsonNode body) {
    if (!body.isObject()) {
      return invalid("/", "send a JSON object naming the contact, e.g. " + EXAMPLE);
    }
    if (!body.has("contacts")) {
      List<FieldError> errors = new ArrayList<>();
      ContactReference reference = reference(body, "", errors);
      return reference == null ? new Invalid(errors) : new One(reference);
    }
    if (body.size() > 1) {
      return invalid("/contacts", "name one contact or send \"contacts\", not both");
    }
    JsonNode contacts = body.get("contacts");
    if (!contacts.isArray() || contacts.isEmpty()) {
      return invalid("/contacts", "\"contacts\" must be a non-empty array, e.g. " + EXAMPLE);
    }
    if (contacts.size() > MOST_CONTACTS) {
      return invalid(
          "/contacts",
          "at most "
              + MOST_CONTACTS
              + " contacts per call, this one has "
              + contacts.size()
              + "; split it into several calls");
    }
    List<FieldError> errors = new ArrayList<>();
    List<ContactReference> references = new ArrayList<>();
    for (int index = 0; index < contacts.size(); index++) {
      ContactReference reference = reference(contacts.get(index), "/contacts/" + index, errors);
      if (reference != null) {
        references.add(reference);
      }
    }
    return errors.isEmpty() ? new Many(references) : new Invalid(errors);
  }

  private static @org.jspecify.annotations.Nullable ContactReference reference(
      JsonNode node, String at, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(
          new FieldError(
              at.isEmpty() ? "/" : at,
              "name the contact with an object: {\"contactId\": ...}, {\"userId\": ...} or {\"email\": ...}"));
      return null;
    }
    List<String> given = new ArrayList<>();
    for (String field : List.of("contactId", "userId", "email")) {
      if (node.has(field)) {
        given.add(field);
      }
    }
    List<String> unexpected = new ArrayList<>();
    node.propertyNames()
        .forEach(
            name -> {
              if (!List.of("contactId", "userId", "email").contains(name)) {
                unexpected.add(name);
              }
            });
    if (!unexpected.isEmpty()) {
      errors.add(
          new FieldError(
              at + "/" + unexpected.getFirst(),
              "\""
                  + unexpected.getFirst()
                  + "\" names no contact; use contactId, userId or email"));
      return null;
    }
    if (given.size() != 1) {
      errors.add(
          new FieldError(
              at.isEmpty() ? "/" : at,
              given.isEmpty()
                  ? "name the contact by one of contactId, userId or email"
                  : "name the contact by one of contactId, userId or email, not by "
                      + String.join(" and ", given)));
      return null;
    }
    String field = given.getFirst();
    JsonNode value = node.get(field);
    if (!value.isString() || value.asString().isBlank()) {
      errors.add(new FieldError(at + "/" + field, "\"" + field + "\" must be a non-empty string"));
      return null;
    }
    String text = value.asString().strip();
    return switch (field) {
      case "contactId" -> {
        try {
          yield new ContactReference.ByContactId(ContactId.parse(text));
        } catch (IllegalArgumentException e) {
          errors.add(
              new FieldError(
                  at + "/contactId",
                  "\""
                      + text
                      + "\" is not a Cairn contact id (a UUID such as 0b6e5b3c-6f1e-4a51-9d7e-2f0c1d2e3f4a)"));
          yield null;
        }
      }
      case "userId" -> new ContactReference.ByUserId(text);
      default -> new ContactReference.ByEmail(text);
    };
  }

  private static MemberRequest invalid(String field, String message) {
    return new Invalid(List.of(new FieldError(field, message)));
  }
}
