package dev.cairn.channels.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.channels.ChannelSlice;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.step.Step;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A message held back by quiet hours is an event of its contact's: queued, and until when. */
@SpringBootTest(classes = ChannelSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class MessageQueuedTest {

  @Autowired DeliveryLedger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void a_step_held_by_quiet_hours_records_one_queued_event_however_often_it_is_handed_out() {
    ContactId contact = contact();
    Step step =
        new Step(
            System.nanoTime(),
            contact,
            "evening-offer",
            2,
            77,
            "text-offer",
            Map.of(),
            Map.of(),
            3);

    ledger.queue(step, Channel.SMS, "quiet hours in Europe/Oslo until 08:00", Duration.ofHours(2));
    ledger.queue(step, Channel.SMS, "quiet hours in Europe/Oslo until 08:00", Duration.ofHours(1));

    assertThat(events(contact))
        .containsExactly(
            "SMS Queued {\"until\": \"2026-11-25T14:00:00Z\", \"reason\": \"quiet hours in Europe/Oslo until 08:00\", \"channel\": \"sms\", \"element_id\": \"text-offer\", \"journey_id\": \"evening-offer\"}");
  }

  @Test
  void a_test_run_records_no_queued_event() {
    ContactId contact = contact();
    Step step =
        new Step(
            System.nanoTime(),
            contact,
            "evening-offer",
            2,
            78,
            "text-offer",
            Map.of(),
            Map.of(Step.TEST_RUN, true),
            3);

    ledger.queue(step, Channel.EMAIL, "quiet hours", Duration.ofHours(2));

    assertThat(events(contact)).isEmpty();
  }

  private List<String> events(ContactId contact) {
    return jdbc.sql(
            "select name || ' ' || properties::text from contact_event where contact_id = :id order by id")
        .param("id", contact.value())
        .query(String.class)
        .list();
  }

  private ContactId contact() {
    ContactId contact = new ContactId(UUID.randomUUID());
    jdbc.sql(
            "insert into contact (id, external_id, created_at, updated_at) values (:id, :user, :now, :now)")
        .param("id", contact.value())
        .param("user", "u-" + contact.value())
        .param("now", Timestamp.from(ChannelSlice.NOW))
        .update();
    return contact;
  }
}
