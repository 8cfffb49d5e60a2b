package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/**
 * The library's lead nurture with three new leads at once (3 and 4 days are 20 s each in tests):
 * one reads both emails (two clicks) and is handed to sales, one reads nothing and is marked
 * nurtured, one books a demo after the guide and leaves as a conversion with nothing more sent.
 */
class LeadNurtureJourneyTest extends LibraryJourneyScenario {

  private static final String JOURNEY = "lead-nurture";

  @Test
  void leads_who_click_twice_become_sales_ready_and_a_demo_request_ends_the_nurture() {
    publish(JOURNEY);
    String reader = newUser();
    String quiet = newUser();
    String booker = newUser();
    leadCreated(reader, "Ned");
    leadCreated(quiet, "Ola");
    leadCreated(booker, "Pat");

    MimeMessage guide = awaitEmail(reader, "Your guide: email automation");
    assertThat(body(guide)).contains("everyone at Acme Ltd", "<strong>email automation</strong>");
    assertThat(clickFirstLink(guide)).startsWith("https://example.com/guides/getting-started");
    awaitEmail(booker, "Your guide: email automation");
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Demo Requested\",\"properties\":{\"slot\":\"Tue 10:00\"}}"
            .formatted(booker));
    assertThat(clickFirstLink(awaitEmail(reader, "How teams like yours get it done")))
        .startsWith("https://example.com/customers/case-study");

    assertThat(body(awaitEmail(reader, "Ned, shall we talk?"))).contains("20-minute call");
    assertThat(pathWhenDone(reader, JOURNEY))
        .containsExactly(
            "lead-created",
            "mark-nurturing",
            "guide-email",
            "wait-three-days",
            "case-study-email",
            "wait-four-days",
            "sales-ready-decide",
            "mark-sales-ready",
            "tag-for-sales",
            "call-offer-email",
            "handed-to-sales");
    assertThat(pathWhenDone(quiet, JOURNEY))
        .containsExactly(
            "lead-created",
            "mark-nurturing",
            "guide-email",
            "wait-three-days",
            "case-study-email",
            "wait-four-days",
            "sales-ready-decide",
            "mark-nurtured",
            "nurtured");
    assertThat(pathWhenDone(booker, JOURNEY))
        .containsExactly(
            "lead-created",
            "mark-nurturing",
            "guide-email",
            "wait-three-days",
            "cairn-goal",
            "goal-reached",
            "goal-converted");
    assertThat(sentSubjects(reader, JOURNEY))
        .containsExactly(
            "Your guide: email automation",
            "How teams like yours get it done",
            "Ned, shall we talk?");
    assertThat(sentSubjects(quiet, JOURNEY))
        .containsExactly("Your guide: email automation", "How teams like yours get it done");
    assertThat(sentSubjects(booker, JOURNEY)).containsExactly("Your guide: email automation");
    assertThat(contacts.find(contact(reader)).orElseThrow().traits())
        .containsEntry("lead_stage", "sales-ready");
    assertThat(contacts.find(contact(quiet)).orElseThrow().traits())
        .containsEntry("lead_stage", "nurtured");
    assertThat(contacts.find(contact(booker)).orElseThrow().traits())
        .containsEntry("lead_stage", "nurturing");
    assertThat(tagged(reader, "sales-ready")).isTrue();
    assertThat(tagged(quiet, "sales-ready")).isFalse();
  }

  private boolean tagged(String user, String tag) {
    return jdbc.sql("select :tag = any(tags) from contact where id = :id")
        .param("tag", tag)
        .param("id", contact(user).value())
        .query(Boolean.class)
        .single();
  }

  private void leadCreated(String user, String firstName) {
    post(
        "/v1/track",
        """
        {"userId":"%s","event":"Lead Created","properties":{"topic":"email automation","source":"webinar"},
         "traits":{"email":"%s@example.com","firstName":"%s","company":"Acme Ltd"}}
        """
            .formatted(user, user, firstName));
  }
}
