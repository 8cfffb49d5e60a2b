package dev.cairn.engine.imports;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.EmailAddress;
import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IncomingEvent;
import dev.cairn.engine.event.IngestResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts a team member adds by hand in the console. Each gets a "Contact Added" event (with who
 * added them) that journeys can start on, like "Contact Imported" for imports.
 */
@Service
public class ManualContacts {

  public static final String ADDED = "Contact Added";

  /** The outcome of adding a contact by hand. */
  public sealed interface Added {
    /** Added; {@code warnings} are values left out because they were not valid (a phone, say). */
    record Created(ContactId contactId, List<String> warnings) implements Added {
      public Created {
        warnings = List.copyOf(warnings);
      }
    }

    /** Not added, and why; nothing was written. */
    record Refused(String reason) implements Added {}
  }

  private final EventIngestion ingestion;
  private final JdbcClient jdbc;
  private final Clock clock;

  ManualContacts(EventIngestion ingestion, JdbcClient jdbc, Clock clock) {
    this.ingestion = ingestion;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  public Added add(
      String email,
      @Nullable String firstName,
      @Nullable String lastName,
      @Nullable String phone,
      String addedBy) {
    Optional<EmailAddress> address = EmailAddress.parse(email.strip());
    if (address.isEmpty()) {
      return new Added.Refused(
          "\"" + email.strip() + "\" is not an email address; write it like ann@example.com.");
    }
    boolean exists =
        jdbc.sql("select exists(select 1 from contact where lower(email) = lower(:email))")
            .param("email", address.get().value())
            .query(Boolean.class)
            .single();
    if (exists) {
      return new Added.Refused(
          "A contact with the email "
              + address.get().value()
              + " exists already; search for it in the list.");
    }
    Map<String, Object> traits = new LinkedHashMap<>();
    traits.put("email", address.get().value());
    putIfGiven(traits, "firstName", firstName);
    putIfGiven(traits, "lastName", lastName);
    putIfGiven(traits, "phone", phone);
    String id = UUID.randomUUID().toString();
    IncomingEvent event =
        new IncomingEvent(
            "console-add:" + id,
            EventType.TRACK,
            new Identity(null, "console:" + id),
            ADDED,
            Map.of("source", "console: " + addedBy),
            Traits.fromSegment(traits),
            clock.instant(),
            null);
    return switch (ingestion.ingest(event)) {
      case IngestResult.Accepted accepted ->
          new Added.Created(
              accepted.contactId(),
              accepted.warnings().stream().map(warning -> warning.message()).toList());
      case IngestResult.Duplicate duplicate ->
          throw new IllegalStateException("a fresh message id was already stored: " + duplicate);
      case IngestResult.Rejected rejected ->
          throw new IllegalStateException("the console adds no custom attributes: " + rejected);
    };
  }

  private static void putIfGiven(Map<String, Object> traits, String name, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      traits.put(name, value.strip());
    }
  }
}
