package dev.cairn.channels.email;

import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.engine.contact.EmailAddress;
import org.springframework.stereotype.Service;

/**
 * Sends a marketer a template as rendered in the editor, the way journeys send email (SMTP when
 * configured, else the outbox), recorded in the ledger as a test: no contact, no journey, no
 * tracking, so it counts as nobody's marketing message.
 */
@Service
public class TestEmails {

  static final String SUBJECT_PREFIX = "[Test] ";

  private final DeliveryLedger ledger;
  private final MailDelivery delivery;

  TestEmails(DeliveryLedger ledger, MailDelivery delivery) {
    this.ledger = ledger;
    this.delivery = delivery;
  }

  /**
   * Sends the rendered HTML; the subject is marked as a test so the recipient cannot mistake it.
   */
  public TestEmailResult send(EmailAddress to, String subject, String html, String sentBy) {
    String marked = subject.startsWith(SUBJECT_PREFIX) ? subject : SUBJECT_PREFIX + subject;
    String text = HtmlToText.convert(html);
    long id = ledger.prepareTest(Channel.EMAIL, to.value(), marked, html, text, sentBy);
    // No unsubscribe headers: the recipient is a colleague, not a contact with consent to withdraw.
    return switch (delivery.handOver(new Email(id, to.value(), marked, html, text, null))) {
      case SendOutcome.Delivered delivered -> {
        ledger.finish(id, MessageStatus.SENT, delivered.transport(), null);
        yield new TestEmailResult.Sent(id, delivered.transport());
      }
      case SendOutcome.Held held -> {
        ledger.finish(id, MessageStatus.OUTBOX, "outbox", null);
        yield new TestEmailResult.InOutbox(id);
      }
      case SendOutcome.Rejected rejected -> notSent(id, rejected.reason());
      case SendOutcome.Deferred deferred -> notSent(id, deferred.reason());
    };
  }

  private TestEmailResult notSent(long id, String reason) {
    ledger.finish(id, MessageStatus.FAILED, null, reason);
    return new TestEmailResult.NotSent(id, reason);
  }
}
