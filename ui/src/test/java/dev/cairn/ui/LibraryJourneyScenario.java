package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.JourneyStatus;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.PublishResult;
import dev.cairn.engine.journey.track.ElementVisit;
import dev.cairn.engine.journey.track.JourneyPosition;
import dev.cairn.engine.journey.track.JourneyTracking;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every library journey's scenario test needs: publish the journey as a marketer would, and
 * read back, for one journey only, the path each contact took and the emails it sent them. Other
 * library journeys published by other tests may answer the same events, so nothing here looks
 * beyond the journey under test.
 */
abstract class LibraryJourneyScenario extends CairnIntegrationTest {

  static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Autowired Journeys journeys;
  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;
  @Autowired JdbcClient jdbc;
  private final List<String> published = new ArrayList<>();

  /**
   * Publishes a library journey unless an earlier test did. The library is installed as drafts once
   * the engine answers, which may be after the first test started.
   */
  void publish(String journeyId) {
    await().atMost(PATIENCE).until(() -> journeys.find(journeyId).isPresent());
    if (journeys.neverPublished(journeyId)) {
      assertThat(journeys.publish(journeyId)).isInstanceOf(PublishResult.Published.class);
    } else if (journeys.find(journeyId).orElseThrow().summary().status() == JourneyStatus.PAUSED) {
      journeys.setPaused(journeyId, false);
    }
    published.add(journeyId);
  }

  /**
   * Pauses the journeys a test published: they start on everyday events (Signed Up, Order
   * Completed), and the contacts of the tests that follow must not enter them.
   */
  @AfterEach
  void pausePublishedJourneys() {
    published.forEach(journeyId -> journeys.setPaused(journeyId, true));
    published.clear();
  }

  static String newUser() {
    return "u-" + UUID.randomUUID();
  }

  ContactId contact(String user) {
    return contacts.findByUserId(user).orElseThrow().id();
  }

  /** The nodes the contact passed in this journey, in order, once their run of it has ended. */
  List<String> pathWhenDone(String user, String journeyId) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                contacts.findByUserId(user).map(c -> tracking.positions(c.id())).orElse(List.of()),
            positions ->
                !positions.isEmpty()
                    && positions.stream()
                        .filter(p -> p.journeyId().equals(journeyId))
                        .noneMatch(JourneyPosition::active)
                    && positions.stream().anyMatch(p -> p.journeyId().equals(journeyId)));
    return path(user, journeyId);
  }

  /** The nodes the contact passed (or is at) in this journey so far, in order. */
  List<String> path(String user, String journeyId) {
    return tracking.path(contact(user)).stream()
        .filter(visit -> visit.journeyId().equals(journeyId))
        .map(ElementVisit::elementId)
        .toList();
  }

  /** Waits until the contact has reached the node in this journey. */
  void awaitAt(String user, String journeyId, String elementId) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                contacts.findByUserId(user).isPresent()
                    && path(user, journeyId).contains(elementId));
  }

  /**
   * Subjects of the emails this journey sent the contact, oldest first, from the delivery ledger.
   */
  List<String> sentSubjects(String user, String journeyId) {
    return jdbc.sql(
            "select subject from message where contact_id = :contact and journey_id = :journey and channel = 'EMAIL' and status = 'SENT' order by id")
        .param("contact", contact(user).value())
        .param("journey", journeyId)
        .query(String.class)
        .list();
  }

  /** Waits until every event sent so far has been handed to journeys. */
  void awaitEventsHandled(String user) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                        "select count(*) from contact_event where contact_id = :contact and processed_at is null")
                    .param("contact", contact(user).value())
                    .query(Long.class)
                    .single(),
            pending -> pending == 0);
  }

  /**
   * Clicks the message's first tracked link as a recipient's browser would; returns where it led.
   */
  String clickFirstLink(MimeMessage message) {
    Matcher link = Pattern.compile("https?://[^/\"]+(/t/c/[A-Za-z0-9_-]+)").matcher(body(message));
    assertThat(link.find()).as("a tracked link in the email").isTrue();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + link.group(1)))
            .GET()
            .build();
    try {
      HttpResponse<Void> response = BROWSER.send(request, HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(302);
      return response.headers().firstValue("Location").orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The message's text as a reader sees it: quoted-printable soft breaks and escapes undone. */
  static String body(MimeMessage message) {
    return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
  }
}
