package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The library's double opt-in with two sign-ups whose email consent is pending (3 and 4 days are 20
 * s each in tests): one follows the link in the confirmation request and presses the button,
 * becomes subscribed and is welcomed; one never does, gets one reminder and stays pending.
 */
class DoubleOptInJourneyTest extends LibraryJourneyScenario {

  private static final String JOURNEY = "double-opt-in";
  private static final HttpClient MAIL_READER = HttpClient.newHttpClient();

  @Autowired Consents consents;

  @Test
  void pending_contacts_who_confirm_are_subscribed_and_welcomed_and_the_others_stay_pending() {
    publish(JOURNEY);
    String confirmer = newUser();
    String silent = newUser();
    signsUpPending(confirmer, "Quinn");
    signsUpPending(silent, "Rae");

    MimeMessage request = awaitEmail(confirmer, "Please confirm your subscription");
    String link = confirmationPath(request);
    assertThat(fetch(link, "GET").body())
        .contains("Receive our email at <b>" + confirmer + "@example.com</b>?");
    assertThat(consents.of(contact(confirmer)).get(ConsentChannel.EMAIL).status())
        .isEqualTo(ConsentStatus.PENDING);
    assertThat(fetch(link, "POST").body()).contains("is subscribed");

    assertThat(body(awaitEmail(confirmer, "You are subscribed, Quinn!"))).contains("is confirmed");
    assertThat(
            confirmationPath(
                awaitEmail(silent, "Reminder: one click to confirm your subscription")))
        .startsWith("/c/");
    assertThat(pathWhenDone(confirmer, JOURNEY))
        .containsExactly(
            "consent-pending",
            "confirm-request",
            "wait-for-confirmation",
            "confirmed",
            "subscribed-welcome",
            "subscribed");
    assertThat(pathWhenDone(silent, JOURNEY))
        .containsExactly(
            "consent-pending",
            "confirm-request",
            "wait-for-confirmation",
            "three-days",
            "confirm-reminder",
            "wait-again",
            "four-days",
            "never-confirmed");
    assertThat(sentSubjects(confirmer, JOURNEY))
        .containsExactly("Please confirm your subscription", "You are subscribed, Quinn!");
    assertThat(sentSubjects(silent, JOURNEY))
        .containsExactly(
            "Please confirm your subscription", "Reminder: one click to confirm your subscription");
    Consent confirmed = consents.of(contact(confirmer)).get(ConsentChannel.EMAIL);
    assertThat(confirmed.status()).isEqualTo(ConsentStatus.SUBSCRIBED);
    assertThat(confirmed.source()).isEqualTo("double opt-in");
    assertThat(consents.of(contact(silent)).get(ConsentChannel.EMAIL).status())
        .isEqualTo(ConsentStatus.PENDING);
  }

  private void signsUpPending(String user, String firstName) {
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\",\"email_consent\":\"pending\"}}"
            .formatted(user, user, firstName));
  }

  private static String confirmationPath(MimeMessage message) {
    Matcher link = Pattern.compile("https?://[^/\"]+(/c/[A-Za-z0-9_-]+)").matcher(body(message));
    assertThat(link.find()).as("a confirmation link in the email").isTrue();
    return link.group(1);
  }

  private HttpResponse<String> fetch(String path, String method) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response =
          MAIL_READER.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(200);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
