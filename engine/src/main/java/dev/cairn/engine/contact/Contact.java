package dev.cairn.engine.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A person a business talks to; traits arrive with identify and track calls. */
@Entity
@Table(name = "contact")
class Contact {

  @Id private UUID id;

  @Column(name = "external_id")
  private @Nullable String externalId;

  @Column(name = "anonymous_id")
  private @Nullable String anonymousId;

  private @Nullable String email;
  private @Nullable String phone;

  @Column(name = "first_name")
  private @Nullable String firstName;

  @Column(name = "last_name")
  private @Nullable String lastName;

  @Column(name = "time_zone")
  private @Nullable String timeZone;

  private @Nullable String locale;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> traits = new LinkedHashMap<>();

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "last_seen_at")
  private @Nullable Instant lastSeenAt;

  protected Contact() {
    this.id = UUID.randomUUID();
    this.createdAt = Instant.EPOCH;
    this.updatedAt = Instant.EPOCH;
  }

  Contact(Identity identity, Instant now) {
    this.id = UUID.randomUUID();
    this.externalId = identity.userId();
    this.anonymousId = identity.anonymousId();
    this.createdAt = now;
    this.updatedAt = now;
  }

  ContactId id() {
    return new ContactId(id);
  }

  @Nullable String externalId() {
    return externalId;
  }

  @Nullable String anonymousId() {
    return anonymousId;
  }

  /** Links a known user id to a contact first seen anonymously. */
  void identifyAs(Identity identity) {
    if (externalId == null && identity.userId() != null) {
      externalId = identity.userId();
    }
    if (anonymousId == null && identity.anonymousId() != null) {
      anonymousId = identity.anonymousId();
    }
  }

  /**
   * Segment's alias when only the old id has a contact: it is known by the new user id from now on.
   */
  void renameTo(String userId) {
    externalId = userId;
  }

  /**
   * Takes the traits a call carried at {@code asOf}. A late call (older than the last one applied)
   * only fills gaps: it never overwrites what a newer call said.
   */
  void applyTraits(Traits incoming, Instant asOf) {
    boolean newer = !asOf.isBefore(updatedAt);
    email = choose(email, incoming.email(), newer);
    phone = choose(phone, incoming.phone(), newer);
    firstName = choose(firstName, incoming.firstName(), newer);
    lastName = choose(lastName, incoming.lastName(), newer);
    timeZone = choose(timeZone, incoming.timeZone(), newer);
    locale = choose(locale, incoming.locale(), newer);
    if (newer) {
      traits.putAll(incoming.custom());
      updatedAt = asOf;
    } else {
      incoming.custom().forEach(traits::putIfAbsent);
    }
  }

  private static @Nullable String choose(
      @Nullable String current, @Nullable String incoming, boolean newer) {
    if (incoming == null) {
      return current;
    }
    return newer || current == null ? incoming : current;
  }

  void seenAt(Instant when) {
    if (lastSeenAt == null || when.isAfter(lastSeenAt)) {
      lastSeenAt = when;
    }
  }

  ContactProfile profile() {
    return new ContactProfile(
        id(),
        externalId,
        anonymousId,
        email,
        phone,
        firstName,
        lastName,
        timeZone,
        locale,
        Map.copyOf(traits),
        createdAt,
        updatedAt,
        lastSeenAt);
  }
}
