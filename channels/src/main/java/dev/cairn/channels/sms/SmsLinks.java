package dev.cairn.channels.sms;

import dev.cairn.channels.delivery.MessageEventProperties;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.tracking.TrackingProperties;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.event.EventIngestion;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Short links for text messages: every web link in an SMS becomes {@code <public-url>/s/<code>}, a
 * random code kept with the message and the link, so following it leads only to a link the message
 * contained and becomes an "SMS Clicked" event. Links work as long as email's tracking links
 * ({@code cairn.tracking.link-lifetime}); Cairn's own links (preference pages) stay as they are,
 * like in email.
 */
@Service
public class SmsLinks {

  /**
   * A contact followed a link in a text message (properties: message_id, url, journey_id,
   * element_id).
   */
  public static final String CLICKED = "SMS Clicked";

  /** The step header that turns shortening off for one step. */
  static final String HEADER = "shorten-links";

  static final int CODE_LENGTH = 8;
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{" + CODE_LENGTH + "}");

  private final TrackingProperties tracking;
  private final SmsLinkProperties properties;
  private final JdbcClient jdbc;
  private final EventIngestion events;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SmsLinks(
      TrackingProperties tracking,
      SmsLinkProperties properties,
      JdbcClient jdbc,
      EventIngestion events,
      Clock clock) {
    this.tracking = tracking;
    this.properties = properties;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** A text with its links shortened, and the links by code. */
  record Shortened(String text, Map<String, String> links) {
    Shortened {
      links = Map.copyOf(links);
    }
  }

  /** Whether texts are shortened unless a step says otherwise ({@code cairn.sms.links.shorten}). */
  public boolean enabled() {
    return properties.shorten();
  }

  /**
   * The text as it would be sent, each link replaced by a stand-in as long as a short link, to
   * count its length; nothing is stored.
   */
  public String preview(String text) {
    return replace(text, url -> "x".repeat(CODE_LENGTH)).text();
  }

  /** The text with fresh short links; nothing is stored until {@link #record}. */
  Shortened shorten(String text) {
    return replace(text, url -> freshCode());
  }

  /** Keeps the message's short links, so they lead somewhere. */
  @Transactional
  void record(long messageId, Shortened shortened) {
    Timestamp now = Timestamp.from(clock.instant());
    shortened
        .links()
        .forEach(
            (code, url) ->
                jdbc.sql(
                        "insert into sms_link (code, message_id, url, created_at) values (:code, :message, :url, :now)")
                    .param("code", code)
                    .param("message", messageId)
                    .param("url", url)
                    .param("now", now)
                    .update());
  }

  /**
   * Where a short link leads, after recording the click as an "SMS Clicked" event; empty for a code
   * not known or expired. A click on a marketer's test-run message leads on but records nothing, so
   * no real journey moves for it.
   */
  @Transactional
  public Optional<URI> follow(String code) {
    if (!CODE.matcher(code).matches()) {
      return Optional.empty();
    }
    Instant oldest = clock.instant().minus(tracking.linkLifetime());
    return jdbc.sql(
            """
            select l.url, m.id, m.contact_id, m.journey_id, m.element_id, m.status
            from sms_link l join message m on m.id = l.message_id
            where l.code = :code and l.created_at >= :oldest
            """)
        .param("code", code)
        .param("oldest", Timestamp.from(oldest))
        .query(
            (rs, row) ->
                new Click(
                    rs.getString("url"),
                    rs.getLong("id"),
                    rs.getObject("contact_id", UUID.class),
                    rs.getString("journey_id"),
                    rs.getString("element_id"),
                    MessageStatus.valueOf(rs.getString("status"))))
        .optional()
        .map(
            click -> {
              if (click.contact() != null && click.status() != MessageStatus.TEST) {
                events.record(
                    new ContactId(click.contact()),
                    CLICKED,
                    click.properties(),
                    "sms-clicked:" + code + ":" + UUID.randomUUID());
              }
              return URI.create(click.url());
            });
  }

  private record Click(
      String url,
      long messageId,
      @Nullable UUID contact,
      @Nullable String journeyId,
      @Nullable String elementId,
      MessageStatus status) {
    Map<String, Object> properties() {
      Map<String, Object> properties = MessageEventProperties.of(messageId, journeyId, elementId);
      properties.put("url", url);
      return properties;
    }
  }

  private Shortened replace(String text, java.util.function.Function<String, String> code) {
    List<LinksInText.Found> found = LinksInText.find(text);
    Map<String, String> links = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (LinksInText.Found link : found) {
      out.append(text, at, link.start());
      if (link.url().startsWith(tracking.publicUrl() + "/")) {
        out.append(link.url()); // Cairn's own page (preferences, opt-out): already where it leads
      } else {
        String each = code.apply(link.url());
        links.put(each, link.url());
        out.append(tracking.publicUrl()).append("/s/").append(each);
      }
      at = link.end();
    }
    out.append(text, at, text.length());
    return new Shortened(out.toString(), links);
  }

  /** A random code no stored link has (62^8 codes: guessing one that exists is hopeless). */
  private String freshCode() {
    while (true) {
      StringBuilder code = new StringBuilder(CODE_LENGTH);
      for (int i = 0; i < CODE_LENGTH; i++) {
        code.append(BASE62.charAt(random.nextInt(BASE62.length())));
      }
      String candidate = code.toString();
      boolean taken =
          jdbc.sql("select exists(select 1 from sms_link where code = :code)")
              .param("code", candidate)
              .query(Boolean.class)
              .single();
      if (!taken) {
        return candidate;
      }
    }
  }
}
