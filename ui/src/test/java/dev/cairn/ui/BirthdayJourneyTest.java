package dev.cairn.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.engine.journey.run.JourneyEngine;
import dev.cairn.engine.journey.track.JourneyPosition;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The library's birthday journey with three subscribers at once (a year, and the wait until three
 * days before the birthday, are 20 s in tests): one gives a birthday at sign-up and gets the code
 * year after year; one adds it a little later and is found at the next monthly look; a customer of
 * more than a year who never gave one leaves the journey.
 */
class BirthdayJourneyTest extends LibraryJourneyScenario {

  private static final String JOURNEY = "birthday";
  private static final String SUBJECT = "%s, a birthday present from us";

  @Autowired JourneyEngine engine;
  private final List<String> looping = new java.util.ArrayList<>();

  @Test
  void subscribers_get_a_birthday_code_before_every_birthday_once_they_have_given_it() {
    publish(JOURNEY);
    String birthday = LocalDate.now().plusDays(10).withYear(1990).toString();
    String early = newUser();
    String late = newUser();
    String longtime = newUser();
    looping.addAll(List.of(early, late));
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"Kim\"}}"
            .formatted(longtime, longtime));
    jdbc.sql("update contact set created_at = now() - interval '400 days' where id = :id")
        .param("id", contact(longtime).value())
        .update();
    signsUp(early, "Ivy", ",\"birthday\":\"" + birthday + "\"");
    signsUp(late, "Jon", "");
    signsUp(longtime, "Kim", "");

    awaitAt(late, JOURNEY, "check-monthly");
    post(
        "/v1/identify",
        "{\"userId\":\"%s\",\"traits\":{\"birthday\":\"%s\"}}".formatted(late, birthday));
    assertThat(body(awaitEmail(early, SUBJECT.formatted("Ivy"))))
        .contains("HAPPYBDAY15", "15% off");

    assertThat(waitingAfterEmails(early, 2))
        .containsExactly(
            "signed-up",
            "birthday-known-decide",
            "until-birthday-schedule",
            "until-birthday",
            "birthday-email",
            "birthday-known-decide",
            "until-birthday-schedule",
            "until-birthday",
            "birthday-email",
            "birthday-known-decide",
            "until-birthday-schedule",
            "until-birthday");
    assertThat(waitingAfterEmails(late, 1))
        .containsExactly(
            "signed-up",
            "birthday-known-decide",
            "check-monthly",
            "birthday-known-decide",
            "until-birthday-schedule",
            "until-birthday",
            "birthday-email",
            "birthday-known-decide",
            "until-birthday-schedule",
            "until-birthday");
    assertThat(pathWhenDone(longtime, JOURNEY))
        .containsExactly("signed-up", "birthday-known-decide", "no-birthday");
    assertThat(sentSubjects(early, JOURNEY))
        .containsExactly(SUBJECT.formatted("Ivy"), SUBJECT.formatted("Ivy"));
    assertThat(sentSubjects(late, JOURNEY)).containsExactly(SUBJECT.formatted("Jon"));
    assertThat(sentSubjects(longtime, JOURNEY)).isEmpty();
  }

  /**
   * Birthday contacts stay in the journey for life; the rest of the test run need not hear from
   * them.
   */
  @AfterEach
  void leaveTheYearlyLoop() {
    for (String user : looping) {
      contacts
          .findByUserId(user)
          .ifPresent(
              contact ->
                  tracking.positions(contact.id()).stream()
                      .filter(position -> position.journeyId().equals(JOURNEY) && position.active())
                      .map(JourneyPosition::processInstanceKey)
                      .forEach(key -> engine.cancel(key, "test over")));
    }
  }

  /**
   * The path once the contact has had this many birthday emails and waits for the next birthday.
   */
  private List<String> waitingAfterEmails(String user, int emails) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> path(user, JOURNEY),
            path ->
                Collections.frequency(path, "birthday-email") == emails
                    && path.getLast().equals("until-birthday"));
  }

  private void signsUp(String user, String firstName, String moreTraits) {
    post(
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Signed Up\",\"traits\":{\"email\":\"%s@example.com\",\"firstName\":\"%s\"%s}}"
            .formatted(user, user, firstName, moreTraits));
  }
}
