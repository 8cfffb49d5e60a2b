package dev.cairn.engine.privacy;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything Cairn keeps about one contact, as one JSON-ready document: the profile, every event,
 * every message with its content, and every journey step. What a GDPR access request asks for.
 */
@Service
public class ContactExport {

  private final Contacts contacts;
  private final JdbcClient jdbc;
  private final Clock clock;

  ContactExport(Contacts contacts, JdbcClient jdbc, Clock clock) {
    this.contacts = contacts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Optional<Map<String, Object>> export(ContactId id) {
    return contacts.find(id).map(this::document);
  }

  private Map<String, Object> document(ContactProfile contact) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("exportedAt", clock.instant().toString());
    document.put("contact", contact);
    document.put(
        "mergedIds",
        rows("select merged_id, merged_at from contact_merge where into_id = :id", contact.id()));
    document.put(
        "events",
        rows(
            "select message_id, type, name, properties::text as properties, occurred_at, received_at"
                + " from contact_event where contact_id = :id order by occurred_at, id",
            contact.id()));
    document.put(
        "messages",
        rows(
            "select channel, recipient, subject, body_text, status, error, journey_id, created_at, sent_at"
                + " from message where contact_id = :id order by created_at, id",
            contact.id()));
    document.put(
        "topicOptOuts",
        rows(
            "select topic, source, changed_at from contact_topic_opt_out where contact_id = :id order by changed_at, topic",
            contact.id()));
    document.put(
        "lists",
        rows(
            "select l.id as list_id, l.name, m.added_at, m.source from contact_list_member m join contact_list l on l.id = m.list_id"
                + " where m.contact_id = :id order by m.added_at, l.id",
            contact.id()));
    document.put(
        "journeySteps",
        rows(
            """
            select en.journey_id, ei.version, ei.element_id, ei.element_type,
                   ei.state, ei.activated_at, ei.ended_at
            from enrollment en
            join element_instance ei on ei.process_instance_key = en.process_instance_key
            where en.contact_id = :id
            order by ei.activated_at, ei.element_instance_key
            """,
            contact.id()));
    return document;
  }

  private List<Map<String, Object>> rows(String sql, ContactId contact) {
    return jdbc.sql(sql).param("id", contact.value()).query().listOfRows().stream()
        .map(ContactExport::plain)
        .toList();
  }

  /** Timestamps and ids as text, so the document serialises the same everywhere. */
  private static Map<String, Object> plain(Map<String, Object> row) {
    Map<String, Object> plain = new LinkedHashMap<>();
    row.forEach(
        (column, value) ->
            plain.put(
                column,
                switch (value) {
                  case null -> null;
                  case java.sql.Timestamp timestamp -> timestamp.toInstant().toString();
                  case Number number -> number;
                  case Boolean bool -> bool;
                  default -> value.toString();
                }));
    return plain;
  }
}
