package dev.cairn.engine.consent;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.event.EventIngestion;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records and answers consent. Every change is also a "Consent Changed" event on the contact's
 * timeline, which journeys can start on (a double opt-in confirmation on PENDING, say).
 */
@Service
public class Consents {

  public static final String CHANGED = "Consent Changed";

  /** The event an opt-out also is, per channel, for journeys to exit on ({@code cairn:exit-on}). */
  public static String unsubscribed(ConsentChannel channel) {
    return switch (channel) {
      case EMAIL -> "Email Unsubscribed";
      case SMS -> "SMS Unsubscribed";
    };
  }

  private final JdbcClient jdbc;
  private final EventIngestion events;
  private final ConsentProperties properties;
  private final Clock clock;

  Consents(JdbcClient jdbc, EventIngestion events, ConsentProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  /** Sets the contact's consent on a channel; nothing happens when it is already so. */
  @Transactional
  public boolean record(
      ContactId contact, ConsentChannel channel, ConsentStatus status, String source) {
    return record(contact, channel, status, source, Map.of());
  }

  /**
   * The same, with what caused the change ({@code message_id} of the email whose unsubscribe link
   * was used), kept in the change's events so analytics can count opt-outs per message.
   */
  @Transactional
  public boolean record(
      ContactId contact,
      ConsentChannel channel,
      ConsentStatus status,
      String source,
      Map<String, Object> cause) {
    Instant now = clock.instant();
    int changed =
        jdbc.sql(
                """
                insert into contact_consent (contact_id, channel, status, source, changed_at)
                values (:contact, :channel, :status, :source, :now)
                on conflict (contact_id, channel) do update
                  set status = excluded.status, source = excluded.source, changed_at = excluded.changed_at
                  where contact_consent.status <> excluded.status
                """)
            .param("contact", contact.value())
            .param("channel", channel.name())
            .param("status", status.name())
            .param("source", source)
            .param("now", Timestamp.from(now))
            .update();
    if (changed == 0) {
      return false;
    }
    Map<String, Object> change = new java.util.LinkedHashMap<>(cause);
    change.put("channel", channel.name());
    change.put("status", status.name());
    change.put("source", source);
    events.record(
        contact, CHANGED, change, "consent:" + contact + ":" + channel + ":" + UUID.randomUUID());
    if (status == ConsentStatus.UNSUBSCRIBED) {
      Map<String, Object> optOut = new java.util.LinkedHashMap<>(cause);
      optOut.put("source", source);
      events.record(
          contact,
          unsubscribed(channel),
          optOut,
          "unsubscribed:" + contact + ":" + channel + ":" + UUID.randomUUID());
    }
    return true;
  }

  /**
   * Sets consent for many contacts at once (an import), without an event per contact: the import's
   * own record says where they came from.
   */
  @Transactional
  public void recordAll(
      List<UUID> contacts, ConsentChannel channel, ConsentStatus status, String source) {
    if (contacts.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            insert into contact_consent (contact_id, channel, status, source, changed_at)
            select id, :channel, :status, :source, :now from unnest(cast(:contacts as uuid[])) as id
            on conflict (contact_id, channel) do update
              set status = excluded.status, source = excluded.source, changed_at = excluded.changed_at
              where contact_consent.status <> excluded.status
            """)
        .param("contacts", contacts.toArray(UUID[]::new))
        .param("channel", channel.name())
        .param("status", status.name())
        .param("source", source)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  @Transactional(readOnly = true)
  public Map<ConsentChannel, Consent> of(ContactId contact) {
    Map<ConsentChannel, Consent> consents = new EnumMap<>(ConsentChannel.class);
    jdbc.sql("select * from contact_consent where contact_id = :contact")
        .param("contact", contact.value())
        .query(
            (rs, row) ->
                new Consent(
                    ConsentChannel.valueOf(rs.getString("channel")),
                    ConsentStatus.valueOf(rs.getString("status")),
                    rs.getString("source"),
                    rs.getTimestamp("changed_at").toInstant()))
        .list()
        .forEach(consent -> consents.put(consent.channel(), consent));
    return consents;
  }

  /** Whether marketing may go to the contact on the channel now. */
  @Transactional(readOnly = true)
  public boolean allows(ContactId contact, ConsentChannel channel) {
    Consent consent = of(contact).get(channel);
    if (consent == null) {
      return channel == ConsentChannel.EMAIL && !properties.emailRequiresOptIn();
    }
    return consent.status() == ConsentStatus.SUBSCRIBED;
  }
}
