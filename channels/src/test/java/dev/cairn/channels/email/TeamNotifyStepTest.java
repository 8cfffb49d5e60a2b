package dev.cairn.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cairn.channels.ChannelSlice;
import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.delivery.MessageView;
import dev.cairn.channels.template.Templates;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.contact.Identity;
import dev.cairn.engine.contact.Traits;
import dev.cairn.engine.event.EventIngestion;
import dev.cairn.engine.event.EventType;
import dev.cairn.engine.event.IncomingEvent;
import dev.cairn.engine.event.IngestResult;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepResult;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The notify-a-team-member step against real PostgreSQL, with GreenMail as the SMTP server. */
@SpringBootTest(classes = ChannelSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TeamNotifyStepTest {

  private static final AtomicLong JOBS = new AtomicLong(System.nanoTime() + 3_000_000_000L);
  private static final Map<String, String> HEADERS =
      Map.of(
          "to", "sales@acme.test, Lead@Acme.test",
          "subject", "New {{ contact.plan }} lead: {{ contact.first_name }}",
          "text",
              "{{ contact.first_name }} ({{ contact.email }}) signed up from {{ event.source }}.\n");

  @Autowired Contacts contacts;
  @Autowired Templates templates;
  @Autowired DeliveryLedger ledger;
  @Autowired EventIngestion events;
  @Autowired Consents consents;
  @Autowired dev.cairn.channels.bounce.Bounces bounces;

  private GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void the_team_gets_a_plain_text_note_about_the_contact_with_merge_fields() throws Exception {
    ContactId contact = contact("Mia");
    long job = JOBS.incrementAndGet();

    StepResult result = step().perform(step(job, contact));

    assertThat(result)
        .isEqualTo(new StepResult.Completed(Map.of("lastMessageId", message(job).id())));
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient
    MimeMessage note = received[0];
    assertThat(Arrays.stream(note.getAllRecipients()).map(Object::toString))
        .containsExactly("sales@acme.test", "Lead@acme.test");
    assertThat(note.getSubject()).isEqualTo("New Pro lead: Mia");
    assertThat(note.getContentType()).startsWith("text/plain");
    assertThat(GreenMailUtil.getBody(note).strip())
        .isEqualTo("Mia (mia@example.com) signed up from ads.");
    assertThat(note.getHeader("List-Unsubscribe")).isNull();
    assertThat(message(job).channel()).isEqualTo(Channel.TEAM);
    assertThat(message(job).status()).isEqualTo(MessageStatus.SENT);
    assertThat(message(job).recipient()).isEqualTo("sales@acme.test, Lead@acme.test");
  }

  @Test
  void a_job_handed_out_again_after_sending_does_not_notify_twice() {
    ContactId contact = contact("Ola");
    long job = JOBS.incrementAndGet();
    TeamNotifyStep notify = step();

    StepResult first = notify.perform(step(job, contact));
    StepResult again = notify.perform(step(job, contact));

    assertThat(again).isEqualTo(first);
    assertThat(smtp.getReceivedMessages())
        .hasSize(2); // the two recipients of the first call, nothing more
  }

  @Test
  void the_team_is_told_about_a_contact_who_unsubscribed_from_email() {
    ContactId contact = contact("Noa");
    consents.record(contact, ConsentChannel.EMAIL, ConsentStatus.UNSUBSCRIBED, "test");
    long job = JOBS.incrementAndGet();

    step().perform(step(job, contact));

    assertThat(message(job).status()).isEqualTo(MessageStatus.SENT);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void an_smtp_server_that_is_down_fails_the_step_so_the_engine_retries_and_the_retry_sends_once() {
    ContactId contact = contact("Eli");
    long job = JOBS.incrementAndGet();
    TeamNotifyStep notify = step();
    smtp.stop();

    StepResult outage = notify.perform(step(job, contact));
    smtp.start();
    StepResult retry = notify.perform(step(job, contact));

    assertThat(outage).isInstanceOf(StepResult.Failed.class);
    assertThat(((StepResult.Failed) outage).retryBackoff()).isPositive();
    assertThat(retry).isInstanceOf(StepResult.Completed.class);
    assertThat(message(job).status()).isEqualTo(MessageStatus.SENT);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void without_smtp_the_note_waits_in_the_outbox() {
    ContactId contact = contact("Una");
    long job = JOBS.incrementAndGet();
    MailProperties outboxOnly = new MailProperties(null, 0, null, null, null, null, null, 0);

    new TeamNotifyStep(contacts, templates, ledger, new MailDelivery(ledger, outboxOnly, bounces))
        .perform(step(job, contact));

    assertThat(message(job).status()).isEqualTo(MessageStatus.OUTBOX);
    assertThat(message(job).subject()).isEqualTo("New Pro lead: Una");
    assertThat(message(job).bodyText()).isEqualTo("Una (una@example.com) signed up from ads.");
  }

  @Test
  void in_a_test_run_the_note_is_shown_and_never_sent() {
    ContactId contact = contact("Ivo");
    long job = JOBS.incrementAndGet();
    Step step = step(job, contact);
    Map<String, Object> testRun = new java.util.HashMap<>(step.variables());
    testRun.put(Step.TEST_RUN, true);

    step()
        .perform(new Step(job, contact, "notify-test", 1, job, "tell-sales", HEADERS, testRun, 3));

    assertThat(message(job).status()).isEqualTo(MessageStatus.TEST);
    assertThat(message(job).subject()).isEqualTo("New Pro lead: Ivo");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void addresses_that_are_not_email_addresses_are_reported_one_by_one() {
    assertThat(
            step()
                .problems(
                    Map.of(
                        "to", "sales@acme.test, bob@, Ann Smith", "subject", "Hi", "text", "Hi")))
        .containsExactly(
            "the address \"bob@\" is not an email address; separate several addresses with commas.",
            "the address \"Ann Smith\" is not an email address; separate several addresses with commas.");
    assertThat(step().problems(Map.of("to", " , ", "subject", "Hi", "text", "Hi")))
        .containsExactly("there is no team member's email address in \"to\".");
  }

  @Test
  void a_subject_or_text_that_is_not_valid_liquid_is_reported_with_where_and_why() {
    assertThat(
            step()
                .problems(
                    Map.of(
                        "to",
                        "sales@acme.test",
                        "subject",
                        "Lead {{ contact.first_name ",
                        "text",
                        "{% if x %}open")))
        .containsExactly(
            "the subject has a Liquid error at line 1, column 28: no viable alternative at input '{{ contact.first_name '.",
            "the text has a Liquid error at line 1, column 15: mismatched input '<EOF>' expecting TagStart (is an {% endif %},"
                + " {% endfor %} or }} missing?)");
  }

  @Test
  void a_well_formed_step_has_no_problems() {
    assertThat(step().problems(HEADERS)).isEmpty();
  }

  private TeamNotifyStep step() {
    MailProperties mail =
        new MailProperties(
            "127.0.0.1",
            smtp.getSmtp().getPort(),
            null,
            null,
            MailProperties.Security.NONE,
            "Cairn <cairn@acme.test>",
            Duration.ofSeconds(5),
            0);
    return new TeamNotifyStep(contacts, templates, ledger, new MailDelivery(ledger, mail, bounces));
  }

  private static Step step(long job, ContactId contact) {
    Map<String, Object> trigger =
        Map.of("event", "Signed Up", "properties", Map.of("source", "ads"));
    return new Step(
        job,
        contact,
        "notify-test",
        1,
        job,
        "tell-sales",
        HEADERS,
        Map.of("contactId", contact.toString(), "trigger", trigger),
        3);
  }

  private MessageView message(long job) {
    return ledger.forJob(job).orElseThrow();
  }

  /** A contact of its own for each test, so tests sharing the database never meet. */
  private ContactId contact(String firstName) {
    IncomingEvent identify =
        new IncomingEvent(
            UUID.randomUUID().toString(),
            EventType.IDENTIFY,
            new Identity("u-" + UUID.randomUUID(), null),
            null,
            Map.of(),
            Traits.fromSegment(
                Map.of(
                    "email",
                    firstName.toLowerCase() + "@example.com",
                    "firstName",
                    firstName,
                    "plan",
                    "Pro")),
            ChannelSlice.NOW);
    return ((IngestResult.Accepted) events.ingest(identify)).contactId();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
