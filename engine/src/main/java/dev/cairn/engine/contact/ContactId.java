package dev.cairn.engine.contact;

import java.util.Objects;
import java.util.UUID;

/** Identifies one contact across events, journeys and messages. */
public record ContactId(UUID value) {

  public ContactId {
    Objects.requireNonNull(value, "contact id");
  }

  public static ContactId parse(String text) {
    return new ContactId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
