package dev.cairn.channels.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.ui.CairnIntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The frequency cap counts what the ledger says was sent to the contact on the channel recently.
 */
class FrequencyCapTest extends CairnIntegrationTest {

  @Autowired JdbcClient jdbc;

  @Test
  void a_contact_who_got_the_capped_number_of_emails_this_week_is_skipped_with_the_reason() {
    UUID contact =
        contactWithEmailsSent(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(10));
    SendPolicy capTwoPerWeek =
        new SendPolicy(
            new SendPolicyProperties(2, Duration.ofDays(7), null, null, null),
            jdbc,
            Clock.systemUTC());
    SendPolicy capThreePerWeek =
        new SendPolicy(
            new SendPolicyProperties(3, Duration.ofDays(7), null, null, null),
            jdbc,
            Clock.systemUTC());

    assertThat(capTwoPerWeek.check(contact, Channel.EMAIL, null))
        .isEqualTo(
            new SendPolicy.Decision.Skip(
                "frequency cap: 2 email messages in the last 7 days (cap 2)"));
    assertThat(capThreePerWeek.check(contact, Channel.EMAIL, null))
        .isInstanceOf(SendPolicy.Decision.Send.class);
    assertThat(capTwoPerWeek.check(contact, Channel.SMS, null))
        .isInstanceOf(SendPolicy.Decision.Send.class);
  }

  private UUID contactWithEmailsSent(Duration... agos) {
    UUID contact = UUID.randomUUID();
    Instant now = Instant.now();
    jdbc.sql(
            "insert into contact (id, external_id, created_at, updated_at) values (:id, :external, :now, :now)")
        .param("id", contact)
        .param("external", "cap-" + contact)
        .param("now", Timestamp.from(now))
        .update();
    for (Duration ago : agos) {
      jdbc.sql(
              """
              insert into message (contact_id, channel, recipient, subject, status, created_at, sent_at)
              values (:contact, 'EMAIL', 'cap@example.com', 'Hi', 'SENT', :at, :at)
              """)
          .param("contact", contact)
          .param("at", Timestamp.from(now.minus(ago)))
          .update();
    }
    return contact;
  }
}
