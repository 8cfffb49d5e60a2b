package dev.cairn.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpRefusalTest {

  @Test
  void an_unknown_mailbox_is_a_hard_bounce_of_the_address() {
    assertThat(
            SmtpTransport.classify(
                550, "5.1.1 <ann@example.com>: Recipient address rejected: User unknown"))
        .isEqualTo(
            new SendOutcome.Rejected(
                "SMTP 550: 5.1.1 <ann@example.com>: Recipient address rejected: User unknown",
                true));
    assertThat(SmtpTransport.classify(553, "mailbox name not allowed"))
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class, r -> assertThat(r.addressRefused()).isTrue());
  }

  @Test
  void a_refused_message_is_permanent_but_does_not_condemn_the_address() {
    assertThat(SmtpTransport.classify(552, "5.3.4 message size exceeds fixed limit"))
        .isEqualTo(
            new SendOutcome.Rejected("SMTP 552: 5.3.4 message size exceeds fixed limit", false));
  }

  @Test
  void a_temporary_refusal_is_tried_again_later() {
    assertThat(SmtpTransport.classify(451, "4.7.1 greylisted, try again"))
        .isInstanceOf(SendOutcome.Deferred.class);
  }
}
