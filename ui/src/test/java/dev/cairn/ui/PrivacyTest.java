package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.track.JourneyTracking;
import dev.cairn.engine.privacy.ContactErasure;
import dev.cairn.engine.privacy.ContactExport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** GDPR access and erasure for a contact who is in the middle of a journey. */
class PrivacyTest extends CairnIntegrationTest {

  @Autowired Contacts contacts;
  @Autowired JourneyTracking tracking;
  @Autowired ContactExport export;
  @Autowired ContactErasure erasure;
  @Autowired JdbcClient jdbc;

  @Test
  void an_export_holds_the_profile_every_event_every_message_and_every_journey_step() {
    ContactId contact = signedUpAndWaiting("Nora");

    Map<String, Object> document = export.export(contact).orElseThrow();

    assertThat(document)
        .containsKeys(
            "exportedAt", "contact", "events", "messages", "journeySteps", "topicOptOuts", "lists");
    // The sign-up and the welcome email's own event (besides any segment the background refresh has
    // put Nora in meanwhile).
    assertThat((List<?>) document.get("events"))
        .extracting(event -> String.valueOf(((Map<?, ?>) event).get("name")))
        .filteredOn(name -> !name.startsWith("Segment "))
        .containsExactlyInAnyOrder("Signed Up", "Email Sent");
    assertThat(document.get("messages").toString()).contains("Welcome aboard, Nora!");
    assertThat(document.get("journeySteps").toString())
        .contains("welcome-email", "wait-for-first-order");
  }

  @Test
  void erasure_stops_the_contacts_journeys_and_deletes_everything_that_leads_back_to_them() {
    ContactId contact = signedUpAndWaiting("Otto");
    long instance =
        jdbc.sql("select process_instance_key from enrollment where contact_id = :id")
            .param("id", contact.value())
            .query(Long.class)
            .single();

    ContactErasure.Erased erased = erasure.erase(contact).orElseThrow();

    // The sign-up, the welcome email's "Email Sent", and any "Segment Entered" the background
    // refresh recorded meanwhile.
    assertThat(erased.events()).isGreaterThanOrEqualTo(2);
    assertThat(erased.messages()).isEqualTo(1);
    assertThat(erased.journeysStopped()).isEqualTo(1);
    assertThat(contacts.find(contact)).isEmpty();
    for (String table : List.of("contact_event", "message", "enrollment")) {
      assertThat(
              jdbc.sql("select count(*) from " + table + " where contact_id = :id")
                  .param("id", contact.value())
                  .query(Long.class)
                  .single())
          .as(table)
          .isZero();
    }
    assertThat(
            jdbc.sql("select count(*) from contact_erasure where contact_id = :id")
                .param("id", contact.value())
                .query(Long.class)
                .single())
        .isOne();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "TERMINATED"
                    .equals(
                        jdbc.sql(
                                "select state from element_instance where element_instance_key = :key")
                            .param("key", instance)
                            .query(String.class)
                            .optional()
                            .orElse("")));
  }

  @Test
  void erasing_a_contact_that_does_not_exist_changes_nothing() {
    assertThat(erasure.erase(new ContactId(UUID.randomUUID()))).isEmpty();
  }

  private ContactId signedUpAndWaiting(String firstName) {
    String user = "u-" + UUID.randomUUID();
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Signed Up","traits":{"email":"%s@example.com","firstName":"%s"}}
        """
            .formatted(user, user, firstName));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                contacts.findByUserId(user).stream()
                    .flatMap(contact -> tracking.positions(contact.id()).stream())
                    .anyMatch(
                        position -> position.currentElementIds().contains("wait-for-first-order")));
    ContactId contact = contacts.findByUserId(user).orElseThrow().id();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from message where contact_id = :id and status = 'SENT'")
                        .param("id", contact.value())
                        .query(Long.class)
                        .single()
                    == 1);
    return contact;
  }
}
