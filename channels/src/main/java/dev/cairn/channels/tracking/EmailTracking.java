package dev.cairn.channels.tracking;

import dev.cairn.channels.delivery.MessageEventProperties;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.event.EventIngestion;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a rendered email trackable before it is sent, and turns what recipients do with it into
 * contact events: "Email Opened", "Email Clicked" (with the link), unsubscribing (their email
 * consent, source "unsubscribe link") and confirming a double opt-in ("Email Confirmed"). Tokens
 * name the journey step's job, known before the message is recorded.
 */
@Service
public class EmailTracking {

  public static final String OPENED = "Email Opened";
  public static final String CLICKED = "Email Clicked";

  /** A contact confirmed their subscription through a double opt-in link. */
  public static final String CONFIRMED = "Email Confirmed";

  private static final Pattern LINK =
      Pattern.compile(
          "(<a\\b[^>]*?\\bhref\\s*=\\s*\")(https?://[^\"]+)(\")", Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_END = Pattern.compile("</body>", Pattern.CASE_INSENSITIVE);

  private final TrackingTokens tokens;
  private final TrackingProperties properties;
  private final JdbcClient jdbc;
  private final EventIngestion events;
  private final Consents consents;

  EmailTracking(
      TrackingTokens tokens,
      TrackingProperties properties,
      JdbcClient jdbc,
      EventIngestion events,
      Consents consents) {
    this.tokens = tokens;
    this.properties = properties;
    this.jdbc = jdbc;
    this.events = events;
    this.consents = consents;
  }

  /** An email's HTML with tracked links and an open pixel, and the original links by position. */
  public record Tracked(String html, List<String> links) {
    public Tracked {
      links = List.copyOf(links);
    }
  }

  /** The one-click unsubscribe link for the message a step sends ({@code unsubscribe_url}). */
  public String unsubscribeUrl(long jobKey) {
    return properties.publicUrl() + "/u/" + tokens.sign(TrackingTokens.Kind.UNSUBSCRIBE, jobKey, 0);
  }

  /** The double opt-in link for the confirmation request a step sends ({@code confirm_url}). */
  public String confirmUrl(long jobKey) {
    return properties.publicUrl() + "/c/" + tokens.sign(TrackingTokens.Kind.CONFIRM, jobKey, 0);
  }

  /**
   * Rewrites every web link to a tracked redirect (Cairn's own links excepted) and adds the pixel.
   */
  public Tracked track(String html, long jobKey) {
    List<String> links = new ArrayList<>();
    Matcher matcher = LINK.matcher(html);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String url = matcher.group(2).replace("&amp;", "&");
      String replacement = matcher.group(0);
      if (!url.startsWith(properties.publicUrl() + "/")) {
        links.add(url);
        String tracked =
            properties.publicUrl()
                + "/t/c/"
                + tokens.sign(TrackingTokens.Kind.CLICK, jobKey, links.size() - 1);
        replacement = matcher.group(1) + tracked + matcher.group(3);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    String pixel =
        "<img src=\""
            + properties.publicUrl()
            + "/t/o/"
            + tokens.sign(TrackingTokens.Kind.OPEN, jobKey, 0)
            + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
    Matcher end = BODY_END.matcher(out);
    String tracked =
        end.find()
            ? out.substring(0, end.start()) + pixel + out.substring(end.start())
            : out + pixel;
    return new Tracked(tracked, links);
  }

  /** Keeps the message's links, so a click only ever leads to one of them. */
  @Transactional
  public void recordLinks(long messageId, List<String> links) {
    if (links.isEmpty()) {
      return;
    }
    // One statement (one commit) for all of a message's links.
    jdbc.sql(
            """
            insert into message_link (message_id, position, url)
            select :message, link.position - 1, link.url
              from unnest(cast(:urls as text[])) with ordinality as link(url, position)
            on conflict do nothing
            """)
        .param("message", messageId)
        .param("urls", links.toArray(String[]::new))
        .update();
  }

  /** Records an open (the first one per message becomes an event); false for a token not ours. */
  @Transactional
  public boolean open(String token) {
    return claim(token, TrackingTokens.Kind.OPEN)
        .flatMap(this::message)
        .map(
            message -> {
              events.record(
                  message.contact(), OPENED, message.properties(), "email-opened:" + message.id());
              return true;
            })
        .orElse(false);
  }

  /**
   * Where a click leads, after recording it; empty for a token not ours or a link not in the
   * message.
   */
  @Transactional
  public Optional<URI> click(String token) {
    Optional<TrackingTokens.Claim> claim = claim(token, TrackingTokens.Kind.CLICK);
    if (claim.isEmpty()) {
      return Optional.empty();
    }
    return message(claim.get())
        .flatMap(
            message ->
                jdbc.sql(
                        "select url from message_link where message_id = :message and position = :position")
                    .param("message", message.id())
                    .param("position", claim.get().link())
                    .query(String.class)
                    .optional()
                    .map(
                        url -> {
                          Map<String, Object> properties =
                              new java.util.LinkedHashMap<>(message.properties());
                          properties.put("url", url);
                          events.record(
                              message.contact(),
                              CLICKED,
                              properties,
                              "email-clicked:"
                                  + message.id()
                                  + ":"
                                  + claim.get().link()
                                  + ":"
                                  + UUID.randomUUID());
                          return URI.create(url);
                        }));
  }

  /** The preference centre link for the message a step sends ({@code preferences_url}). */
  public String preferencesUrl(long jobKey) {
    return properties.publicUrl() + "/p/" + tokens.sign(TrackingTokens.Kind.PREFERENCES, jobKey, 0);
  }

  /**
   * The preference centre link of the message an unsubscribe link belongs to, for the unsubscribe
   * page.
   */
  public Optional<String> preferencesUrlFor(String unsubscribeToken) {
    return claim(unsubscribeToken, TrackingTokens.Kind.UNSUBSCRIBE)
        .map(claim -> preferencesUrl(claim.jobKey()));
  }

  /** Whom a preference centre link is for: the contact and the message it came in. */
  public record Recipient(ContactId contact, String email, Map<String, Object> messageProperties) {}

  @Transactional(readOnly = true)
  public Optional<Recipient> recipientOfPreferences(String token) {
    return claim(token, TrackingTokens.Kind.PREFERENCES)
        .flatMap(this::message)
        .map(
            message -> new Recipient(message.contact(), message.recipient(), message.properties()));
  }

  /** The address an unsubscribe token is for, without unsubscribing (the confirmation page). */
  @Transactional(readOnly = true)
  public Optional<String> recipientOf(String token) {
    return claim(token, TrackingTokens.Kind.UNSUBSCRIBE)
        .flatMap(this::message)
        .map(Message::recipient);
  }

  /** Unsubscribes the recipient from email; empty for a token not ours. */
  @Transactional
  public Optional<String> unsubscribe(String token) {
    return claim(token, TrackingTokens.Kind.UNSUBSCRIBE)
        .flatMap(this::message)
        .map(
            message -> {
              consents.record(
                  message.contact(),
                  ConsentChannel.EMAIL,
                  ConsentStatus.UNSUBSCRIBED,
                  "unsubscribe link",
                  message.properties());
              return message.recipient();
            });
  }

  /** The address a confirmation token is for, without confirming (the page a link opens). */
  @Transactional(readOnly = true)
  public Optional<String> recipientOfConfirmation(String token) {
    return claim(token, TrackingTokens.Kind.CONFIRM).flatMap(this::message).map(Message::recipient);
  }

  /**
   * Confirms the recipient's subscription (double opt-in): their email consent becomes subscribed,
   * source "double opt-in", and an "Email Confirmed" event tells journeys waiting for it; empty for
   * a token not ours. Confirming twice records one event.
   */
  @Transactional
  public Optional<String> confirm(String token) {
    return claim(token, TrackingTokens.Kind.CONFIRM)
        .flatMap(this::message)
        .map(
            message -> {
              consents.record(
                  message.contact(),
                  ConsentChannel.EMAIL,
                  ConsentStatus.SUBSCRIBED,
                  "double opt-in");
              events.record(
                  message.contact(),
                  CONFIRMED,
                  message.properties(),
                  "email-confirmed:" + message.id());
              return message.recipient();
            });
  }

  private Optional<TrackingTokens.Claim> claim(String token, TrackingTokens.Kind kind) {
    return tokens.verify(token).filter(claim -> claim.kind() == kind);
  }

  private record Message(
      long id,
      ContactId contact,
      String recipient,
      @Nullable String journeyId,
      @Nullable String elementId) {
    Map<String, Object> properties() {
      return MessageEventProperties.of(id, journeyId, elementId);
    }
  }

  private Optional<Message> message(TrackingTokens.Claim claim) {
    return jdbc.sql(
            "select id, contact_id, recipient, journey_id, element_id from message where job_key = :job and contact_id is not null")
        .param("job", claim.jobKey())
        .query(
            (rs, row) ->
                new Message(
                    rs.getLong("id"),
                    new ContactId(rs.getObject("contact_id", UUID.class)),
                    rs.getString("recipient").toLowerCase(Locale.ROOT),
                    rs.getString("journey_id"),
                    rs.getString("element_id")))
        .optional();
  }
}
