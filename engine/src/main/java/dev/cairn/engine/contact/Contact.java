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

  /** Links a known user id to a contact first seen anonymously. */
  void identifyAs(Identity identity) {
    if (externalId == null && identity.userId() != null) {
      externalId = identity.userId();
    }
    if (anonymousId == null && identity.anonymousId() != null) {
      anonymousId = identity.anonymousId();
    }
  }

  void applyTraits(Traits incoming, Instant now) {
    if (incoming.email() != null) {
      email = incoming.email();
    }
    if (incoming.phone() != null) {
      phone = incoming.phone();
    }
    if (incoming.firstName() != null) {
      firstName = incoming.firstName();
    }
    if (incoming.lastName() != null) {
      lastName = incoming.lastName();
    }
    traits.putAll(incoming.custom());
    updatedAt = now;
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
        Map.copyOf(traits),
        createdAt,
        updatedAt,
        lastSeenAt);
  }
}
