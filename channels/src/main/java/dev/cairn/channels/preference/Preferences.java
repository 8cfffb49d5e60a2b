package dev.cairn.channels.preference;

import dev.cairn.channels.tracking.EmailTracking;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventIngestion;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A recipient's own choices, made on the page their email's preferences link opens: email at all,
 * texts at all, and each topic of email. Every change is recorded with the source "preference
 * centre" and becomes an event ({@code Consent Changed}, {@code Email Unsubscribed}, {@code Topic
 * Unsubscribed}, {@code Topic Subscribed}); a choice that names a topic Cairn does not know changes
 * nothing.
 */
@Service
public class Preferences {

  public static final String TOPIC_UNSUBSCRIBED = "Topic Unsubscribed";
  public static final String TOPIC_SUBSCRIBED = "Topic Subscribed";
  static final String SOURCE = "preference centre";

  /** One topic as the page shows it. */
  public record Topic(String id, String name, boolean subscribed) {}

  /** What the page shows the recipient: where Cairn reaches them, and what they get now. */
  public record Page(
      String email,
      @Nullable String phone,
      boolean getsEmail,
      boolean getsTexts,
      List<Topic> topics) {}

  /** What the recipient ticked: email, texts, and the topics they want. */
  public record Choice(boolean email, boolean texts, Set<String> topics) {
    public Choice {
      topics = Set.copyOf(topics);
    }
  }

  /** How saving a choice went. */
  public sealed interface Saved {
    record Done(Page page, int changes) implements Saved {}

    record Refused(String reason) implements Saved {}
  }

  private final PreferenceProperties properties;
  private final EmailTracking tracking;
  private final Contacts contacts;
  private final Consents consents;
  private final EventIngestion events;
  private final JdbcClient jdbc;
  private final Clock clock;

  Preferences(
      PreferenceProperties properties,
      EmailTracking tracking,
      Contacts contacts,
      Consents consents,
      EventIngestion events,
      JdbcClient jdbc,
      Clock clock) {
    this.properties = properties;
    this.tracking = tracking;
    this.contacts = contacts;
    this.consents = consents;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The topics, id to name, in the page's order. */
  public Map<String, String> topics() {
    return properties.topics();
  }

  /** A topic as one contact's page shows it: whether they left it, and when and how. */
  public record TopicChoice(String id, String name, @Nullable OptOut optOut) {}

  /** Leaving a topic: where the contact did it (e.g. the preference centre) and when. */
  public record OptOut(String source, Instant at) {}

  /** Every topic, in the page's order, with the contact's opt-out where there is one. */
  @Transactional(readOnly = true)
  public List<TopicChoice> choicesOf(ContactId contact) {
    Map<String, OptOut> optOuts = new HashMap<>();
    jdbc.sql(
            "select topic, source, changed_at from contact_topic_opt_out where contact_id = :contact")
        .param("contact", contact.value())
        .query(
            rs -> {
              optOuts.put(
                  rs.getString("topic"),
                  new OptOut(rs.getString("source"), rs.getTimestamp("changed_at").toInstant()));
            });
    List<TopicChoice> choices = new ArrayList<>();
    properties
        .topics()
        .forEach((id, name) -> choices.add(new TopicChoice(id, name, optOuts.get(id))));
    return choices;
  }

  /** Whether the contact opted out of the topic's email. */
  @Transactional(readOnly = true)
  public boolean optedOut(ContactId contact, String topic) {
    return jdbc.sql(
            "select exists(select 1 from contact_topic_opt_out where contact_id = :contact and topic = :topic)")
        .param("contact", contact.value())
        .param("topic", topic)
        .query(Boolean.class)
        .single();
  }

  /** The page for a preferences link; empty for a link that is not ours or has expired. */
  @Transactional(readOnly = true)
  public Optional<Page> page(String token) {
    return tracking
        .recipientOfPreferences(token)
        .flatMap(recipient -> contacts.find(recipient.contact()))
        .map(this::pageOf);
  }

  /** Applies the recipient's choice; empty for a link that is not ours or has expired. */
  @Transactional
  public Optional<Saved> save(String token, Choice choice) {
    Optional<EmailTracking.Recipient> recipient = tracking.recipientOfPreferences(token);
    Optional<ContactProfile> found = recipient.flatMap(r -> contacts.find(r.contact()));
    if (recipient.isEmpty() || found.isEmpty()) {
      return Optional.empty();
    }
    Set<String> unknown = new HashSet<>(choice.topics());
    unknown.removeAll(properties.topics().keySet());
    if (!unknown.isEmpty()) {
      return Optional.of(
          new Saved.Refused(
              "\""
                  + unknown.stream().sorted().findFirst().orElseThrow()
                  + "\" is not one of our topics ("
                  + String.join(", ", properties.topics().values())
                  + "). Nothing was changed; please choose again."));
    }
    ContactProfile contact = found.get();
    Map<String, Object> cause = recipient.get().messageProperties();
    int changes = 0;
    changes += channel(contact.id(), ConsentChannel.EMAIL, choice.email(), cause);
    if (contact.phone() != null) {
      changes += channel(contact.id(), ConsentChannel.SMS, choice.texts(), cause);
    }
    for (String topic : properties.topics().keySet()) {
      changes += topic(contact.id(), topic, choice.topics().contains(topic), cause);
    }
    return Optional.of(new Saved.Done(pageOf(contact), changes));
  }

  private Page pageOf(ContactProfile contact) {
    List<Topic> topics =
        choicesOf(contact.id()).stream()
            .map(choice -> new Topic(choice.id(), choice.name(), choice.optOut() == null))
            .toList();
    return new Page(
        String.valueOf(contact.email()),
        contact.phone(),
        consents.allows(contact.id(), ConsentChannel.EMAIL),
        contact.phone() != null && consents.allows(contact.id(), ConsentChannel.SMS),
        topics);
  }

  /** Opts in or out of a whole channel when that is a change; 1 when it was. */
  private int channel(
      ContactId contact, ConsentChannel channel, boolean wanted, Map<String, Object> cause) {
    if (consents.allows(contact, channel) == wanted) {
      return 0;
    }
    consents.record(
        contact,
        channel,
        wanted ? ConsentStatus.SUBSCRIBED : ConsentStatus.UNSUBSCRIBED,
        SOURCE,
        cause);
    return 1;
  }

  private int topic(ContactId contact, String topic, boolean wanted, Map<String, Object> cause) {
    int changed =
        wanted
            ? jdbc.sql(
                    "delete from contact_topic_opt_out where contact_id = :contact and topic = :topic")
                .param("contact", contact.value())
                .param("topic", topic)
                .update()
            : jdbc.sql(
                    """
                    insert into contact_topic_opt_out (contact_id, topic, source, changed_at)
                    values (:contact, :topic, :source, :now) on conflict do nothing
                    """)
                .param("contact", contact.value())
                .param("topic", topic)
                .param("source", SOURCE)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    if (changed == 0) {
      return 0;
    }
    Map<String, Object> properties = new LinkedHashMap<>(cause);
    properties.put("topic", topic);
    properties.put("topic_name", this.properties.topics().get(topic));
    properties.put("source", SOURCE);
    String name = wanted ? TOPIC_SUBSCRIBED : TOPIC_UNSUBSCRIBED;
    events.record(
        contact, name, properties, "topic:" + contact + ":" + topic + ":" + UUID.randomUUID());
    return 1;
  }
}
