package dev.cairn.ui.tracking;

import dev.cairn.channels.preference.Preferences;
import dev.cairn.channels.sms.SmsLinks;
import dev.cairn.channels.tracking.EmailTracking;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * What recipients' mail clients call: the open pixel, click redirects (only to links the message
 * contained: an unknown or tampered token gets a 404, never a redirect), unsubscribe, as a
 * confirmation page and as RFC 8058 one-click POST, the preference centre, and double opt-in
 * confirmation; and the short links of text messages ({@code /s/<code>}, likewise only to a link
 * the message contained).
 */
@RestController
class TrackingController {

  /** A transparent 1x1 GIF. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final EmailTracking tracking;
  private final SmsLinks smsLinks;
  private final Preferences preferences;

  TrackingController(EmailTracking tracking, SmsLinks smsLinks, Preferences preferences) {
    this.tracking = tracking;
    this.smsLinks = smsLinks;
    this.preferences = preferences;
  }

  @GetMapping("/t/o/{token}")
  ResponseEntity<byte[]> open(@PathVariable String token) {
    tracking.open(token);
    // The pixel either way: a mail client has nothing to show for an error.
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_GIF)
        .cacheControl(CacheControl.noStore())
        .body(PIXEL);
  }

  @GetMapping("/t/c/{token}")
  ResponseEntity<String> click(@PathVariable String token) {
    return tracking
        .click(token)
        .map(TrackingController::redirect)
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not found",
                    "This link is not valid, or has expired."));
  }

  @GetMapping("/s/{code}")
  ResponseEntity<String> shortLink(@PathVariable String code) {
    return smsLinks
        .follow(code)
        .map(TrackingController::redirect)
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not known",
                    "This link is not known, or has expired."));
  }

  @GetMapping("/u/{token}")
  ResponseEntity<String> unsubscribePage(@PathVariable String token) {
    return tracking
        .recipientOf(token)
        .map(
            recipient ->
                page(
                    HttpStatus.OK,
                    "Unsubscribe",
                    "Stop marketing email to <b>"
                        + HtmlUtils.htmlEscape(recipient)
                        + "</b>?"
                        + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>"
                        + tracking
                            .preferencesUrlFor(token)
                            .map(
                                url ->
                                    "<p>Or <a href=\""
                                        + HtmlUtils.htmlEscape(url)
                                        + "\">choose what you get from us</a>.</p>")
                            .orElse("")))
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not found",
                    "This unsubscribe link is not valid, or has expired."));
  }

  /** The confirmation page's button, and mail clients' one-click unsubscribe (RFC 8058). */
  @PostMapping("/u/{token}")
  ResponseEntity<String> unsubscribe(@PathVariable String token) {
    return tracking
        .unsubscribe(token)
        .map(
            recipient ->
                page(
                    HttpStatus.OK,
                    "Unsubscribed",
                    "<b>"
                        + HtmlUtils.htmlEscape(recipient)
                        + "</b> will get no more marketing email from us."))
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not found",
                    "This unsubscribe link is not valid, or has expired."));
  }

  /** The preference centre: a form, so a mail scanner opening the link changes nothing. */
  @GetMapping("/p/{token}")
  ResponseEntity<String> preferencesPage(@PathVariable String token) {
    return preferences
        .page(token)
        .map(page -> page(HttpStatus.OK, "Your email preferences", preferencesForm(page, null)))
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not found",
                    "This preferences link is not valid, or has expired."));
  }

  @PostMapping(path = "/p/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> savePreferences(
      @PathVariable String token, @RequestParam MultiValueMap<String, String> form) {
    Preferences.Choice choice =
        new Preferences.Choice(
            form.containsKey("email"),
            form.containsKey("texts"),
            Set.copyOf(form.getOrDefault("topic", List.of())));
    return preferences
        .save(token, choice)
        .map(
            saved ->
                switch (saved) {
                  case Preferences.Saved.Done done ->
                      page(
                          HttpStatus.OK,
                          "Your email preferences",
                          preferencesForm(
                              done.page(),
                              done.changes() == 0 ? "Nothing changed." : "Saved. Thank you."));
                  case Preferences.Saved.Refused refused ->
                      page(
                          HttpStatus.BAD_REQUEST,
                          "Not saved",
                          HtmlUtils.htmlEscape(refused.reason()));
                })
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not found",
                    "This preferences link is not valid, or has expired."));
  }

  private static String preferencesForm(Preferences.Page page, @Nullable String notice) {
    StringBuilder form = new StringBuilder();
    if (notice != null) {
      form.append("<p class=\"notice\">").append(HtmlUtils.htmlEscape(notice)).append("</p>");
    }
    form.append("<form method=\"post\">")
        .append(
            checkbox(
                "email",
                null,
                page.getsEmail(),
                "Email to <b>" + HtmlUtils.htmlEscape(page.email()) + "</b>"));
    if (page.phone() != null) {
      form.append(
          checkbox(
              "texts",
              null,
              page.getsTexts(),
              "Text messages to <b>" + HtmlUtils.htmlEscape(page.phone()) + "</b>"));
    }
    form.append("<h2>Email about</h2>");
    for (Preferences.Topic topic : page.topics()) {
      form.append(
          checkbox("topic", topic.id(), topic.subscribed(), HtmlUtils.htmlEscape(topic.name())));
    }
    return form.append("<p><button type=\"submit\">Save my choices</button></p></form>").toString();
  }

  private static String checkbox(
      String name, @Nullable String value, boolean checked, String label) {
    return "<label style=\"display:block;margin:8px 0\"><input type=\"checkbox\" name=\""
        + name
        + "\""
        + (value == null ? "" : " value=\"" + HtmlUtils.htmlEscape(value) + "\"")
        + (checked ? " checked" : "")
        + "> "
        + label
        + "</label>";
  }

  /**
   * A double opt-in link: a page with a button, so a mail scanner opening links confirms nothing.
   */
  @GetMapping("/c/{token}")
  ResponseEntity<String> confirmationPage(@PathVariable String token) {
    return tracking
        .recipientOfConfirmation(token)
        .map(
            recipient ->
                page(
                    HttpStatus.OK,
                    "Confirm your subscription",
                    "Receive our email at <b>"
                        + HtmlUtils.htmlEscape(recipient)
                        + "</b>?"
                        + "<form method=\"post\"><button type=\"submit\">Yes, subscribe me</button></form>"))
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not found",
                    "This confirmation link is not valid, or has expired."));
  }

  @PostMapping("/c/{token}")
  ResponseEntity<String> confirm(@PathVariable String token) {
    return tracking
        .confirm(token)
        .map(
            recipient ->
                page(
                    HttpStatus.OK,
                    "Subscribed",
                    "Thank you: <b>" + HtmlUtils.htmlEscape(recipient) + "</b> is subscribed."))
        .orElseGet(
            () ->
                page(
                    HttpStatus.NOT_FOUND,
                    "Link not found",
                    "This confirmation link is not valid, or has expired."));
  }

  private static ResponseEntity<String> redirect(URI url) {
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(url)
        .cacheControl(CacheControl.noStore())
        .build();
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    String html =
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title><style>body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f5f7;color:#1f2933;margin:0}
        main{max-width:480px;margin:12vh auto;background:#fff;border-radius:8px;padding:32px;line-height:1.6}
        button{background:#3563e9;color:#fff;border:0;border-radius:6px;padding:10px 20px;font-size:16px;cursor:pointer}</style></head>
        <body><main><h1>%s</h1><p>%s</p></main></body></html>
        """
            .formatted(title, title, body);
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .cacheControl(CacheControl.noStore())
        .body(html);
  }
}
