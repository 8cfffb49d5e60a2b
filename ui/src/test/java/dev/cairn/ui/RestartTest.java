package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.channels.delivery.Deliveries;
import dev.cairn.channels.delivery.MessageView;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.journey.track.JourneyTracking;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping Cairn and starting it again loses nothing: contacts, events, messages, and the journey
 * state of every contact mid-journey, who moves on when their event arrives.
 */
class RestartTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String KEY = "wk_restart";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void a_contact_waiting_for_an_order_moves_on_after_cairn_restarts() throws Exception {
    Path dataDir =
        Files.createDirectories(Path.of("target", "test-data", "restart-" + UUID.randomUUID()))
            .toAbsolutePath();
    String user = "u-restart-" + UUID.randomUUID();

    try (ConfigurableApplicationContext first = start(dataDir)) {
      track(
          first,
          "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"Rita\"}}"
              .formatted(user, user));
      awaitAt(first, user, "wait-for-first-order");
    }

    try (ConfigurableApplicationContext second = start(dataDir)) {
      ContactProfile contact = second.getBean(Contacts.class).findByUserId(user).orElseThrow();
      assertThat(contact.firstName()).isEqualTo("Rita");
      assertThat(second.getBean(EventFeed.class).history(contact.id(), 10))
          .extracting(StoredEvent::name)
          .containsExactlyInAnyOrder("Signed Up", "Email Sent");
      assertThat(second.getBean(Deliveries.class).forContact(contact.id()))
          .extracting(MessageView::subject)
          .containsExactly("Welcome aboard, Rita!");
      awaitAt(second, user, "wait-for-first-order");

      track(
          second,
          "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"R-7\"}}"
              .formatted(user));

      await()
          .atMost(PATIENCE)
          .until(() -> second.getBean(Deliveries.class).forContact(contact.id()).size() == 2);
      assertThat(second.getBean(Deliveries.class).forContact(contact.id()).getFirst().subject())
          .isEqualTo("Thank you for your first order, Rita");
    }
  }

  private static ConfigurableApplicationContext start(Path dataDir) {
    // Command-line arguments, as a user passes them: they outrank application.properties.
    return new SpringApplicationBuilder(CairnApplication.class)
        .run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--cairn.data-dir=" + dataDir,
            "--cairn.demo.enabled=false",
            "--cairn.api.write-key=" + KEY,
            "--cairn.admin.password=restart-test",
            "--cairn.database.embedded.port=0");
  }

  private void awaitAt(ConfigurableApplicationContext app, String user, String elementId) {
    Contacts contacts = app.getBean(Contacts.class);
    JourneyTracking tracking = app.getBean(JourneyTracking.class);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                contacts.findByUserId(user).stream()
                    .flatMap(contact -> tracking.positions(contact.id()).stream())
                    .anyMatch(position -> position.currentElementIds().contains(elementId)));
  }

  private void track(ConfigurableApplicationContext app, String body)
      throws IOException, InterruptedException {
    String port = app.getEnvironment().getProperty("local.server.port");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/track"))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes()))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
