package dev.cairn.engine.contact;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything Cairn knows about a contact, as shown on the contact page and merged into templates.
 */
public record ContactProfile(
    ContactId id,
    @Nullable String externalId,
    @Nullable String anonymousId,
    @Nullable String email,
    @Nullable String phone,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String timeZone,
    @Nullable String locale,
    Map<String, Object> traits,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant lastSeenAt) {

  /** A contact whose time zone and locale are not known. */
  public ContactProfile(
      ContactId id,
      @Nullable String externalId,
      @Nullable String anonymousId,
      @Nullable String email,
      @Nullable String phone,
      @Nullable String firstName,
      @Nullable String lastName,
      Map<String, Object> traits,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant lastSeenAt) {
    this(
        id,
        externalId,
        anonymousId,
        email,
        phone,
        firstName,
        lastName,
        null,
        null,
        traits,
        createdAt,
        updatedAt,
        lastSeenAt);
  }

  /** A name a person would recognise: full name, else email, else their id. */
  public String displayName() {
    String full =
        ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    if (!full.isEmpty()) {
      return full;
    }
    if (email != null) {
      return email;
    }
    return externalId != null ? externalId : String.valueOf(anonymousId);
  }
}
