package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Opens, clicks and unsubscribes, from the received message's own links. */
class EmailTrackingTest extends CairnIntegrationTest {

  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Autowired Contacts contacts;
  @Autowired Consents consents;
  @Autowired JdbcClient jdbc;

  @Test
  void the_welcome_email_has_tracked_links_an_open_pixel_and_one_click_unsubscribe_headers()
      throws Exception {
    MimeMessage email = welcomeEmailFor("Ida");
    String body = GreenMailUtil.getBody(email);

    assertThat(email.getHeader("List-Unsubscribe")[0]).matches("<http://.+/u/[A-Za-z0-9_-]+>");
    assertThat(email.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(body)
        .contains("/t/c/")
        .contains("/t/o/")
        .doesNotContain("href=3D\"https://example.com/shop\"");
  }

  @Test
  void opening_twice_records_one_open_and_a_click_leads_to_the_original_link() throws Exception {
    String user = "u-" + UUID.randomUUID();
    MimeMessage email = welcomeEmail(user, "Jan");
    String body = GreenMailUtil.getBody(email).replace("=\r\n", "").replace("=3D", "=");

    assertThat(get(path(body, "/t/o/")).statusCode()).isEqualTo(200);
    assertThat(get(path(body, "/t/o/")).headers().firstValue("Content-Type")).hasValue("image/gif");
    HttpResponse<String> click = get(path(body, "/t/c/"));

    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).hasValue("https://example.com/shop");
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    assertThat(eventCount(contact, "Email Opened")).isEqualTo(1);
    assertThat(eventCount(contact, "Email Clicked")).isEqualTo(1);
  }

  @Test
  void a_changed_token_is_a_404_and_never_a_redirect() throws Exception {
    MimeMessage email = welcomeEmailFor("Kim");
    String body = GreenMailUtil.getBody(email).replace("=\r\n", "").replace("=3D", "=");
    String click = path(body, "/t/c/");
    String tampered = click.substring(0, click.length() - 2) + (click.endsWith("A") ? "BB" : "AA");

    HttpResponse<String> response = get(tampered);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void one_click_unsubscribe_stops_further_email_to_the_contact() throws Exception {
    String user = "u-" + UUID.randomUUID();
    MimeMessage email = welcomeEmail(user, "Lou");
    String unsubscribe =
        URI.create(email.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "")).getPath();

    HttpResponse<String> page = get(unsubscribe);
    HttpResponse<String> done =
        send(
            HttpRequest.newBuilder(local(unsubscribe))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build());

    assertThat(page.body()).contains("Stop marketing email to <b>" + user + "@example.com</b>?");
    assertThat(done.statusCode()).isEqualTo(200);
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    assertThat(consents.of(contact).get(ConsentChannel.EMAIL).status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(consents.of(contact).get(ConsentChannel.EMAIL).source())
        .isEqualTo("unsubscribe link");

    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"U-1\"}}"
            .formatted(user));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql(
                        "select error from message where contact_id = :id and element_id = 'thank-you-email'")
                    .param("id", contact.value())
                    .query(String.class)
                    .optional()
                    .orElse(""),
            error -> error.contains("unsubscribed"));
    assertThat(emailsTo(user)).hasSize(1);
  }

  private MimeMessage welcomeEmailFor(String firstName) {
    return welcomeEmail("u-" + UUID.randomUUID(), firstName);
  }

  private MimeMessage welcomeEmail(String user, String firstName) {
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\"}}"
            .formatted(user, user, firstName));
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> emailsTo(user).stream().findFirst().orElse(null), message -> message != null);
  }

  private static String path(String body, String prefix) {
    Matcher matcher =
        Pattern.compile("https?://[^/\"]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)")
            .matcher(body);
    assertThat(matcher.find()).as("a %s link in the email", prefix).isTrue();
    return matcher.group(1);
  }

  private long eventCount(ContactId contact, String name) {
    return jdbc.sql("select count(*) from contact_event where contact_id = :id and name = :name")
        .param("id", contact.value())
        .param("name", name)
        .query(Long.class)
        .single();
  }

  private URI local(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(local(path)).GET().build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
