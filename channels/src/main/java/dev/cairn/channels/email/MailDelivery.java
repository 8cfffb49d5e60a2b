package dev.cairn.channels.email;

import dev.cairn.channels.bounce.Bounces;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepResult;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Hands an email already recorded in the ledger to SMTP (when configured) or the outbox, records
 * how that went, and says how the step ends: every step that sends email goes out the same way.
 */
@Component
class MailDelivery {

  private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private final DeliveryLedger ledger;
  private final EmailTransport transport;
  private final Bounces bounces;

  @Autowired
  MailDelivery(DeliveryLedger ledger, MailProperties mail, Bounces bounces) {
    this(ledger, EmailTransport.configured(mail), bounces);
  }

  MailDelivery(DeliveryLedger ledger, EmailTransport transport, Bounces bounces) {
    this.ledger = ledger;
    this.transport = transport;
    this.bounces = bounces;
  }

  /**
   * Hands the email over, unless it belongs to a marketer's test run: that one is shown, never
   * sent.
   */
  StepResult deliver(Step step, Email email) {
    if (step.testRun()) {
      ledger.finish(email.messageId(), MessageStatus.TEST, "test run", null);
      return sent(email.messageId());
    }
    switch (transport.send(email)) {
      case SendOutcome.Delivered delivered ->
          ledger.finish(email.messageId(), MessageStatus.SENT, delivered.transport(), null);
      case SendOutcome.Held held ->
          ledger.finish(email.messageId(), MessageStatus.OUTBOX, "outbox", null);
      case SendOutcome.Rejected rejected -> {
        ledger.finish(email.messageId(), MessageStatus.FAILED, null, rejected.reason());
        if (rejected.addressRefused()) {
          bounces.report(
              new Bounces.Report(
                  email.to(), Bounces.Kind.HARD, rejected.reason(), email.messageId()),
              "smtp");
        }
      }
      case SendOutcome.Deferred deferred -> {
        log.info("Email {} deferred: {}", email.messageId(), deferred.reason());
        return new StepResult.Failed(deferred.reason(), RETRY_AFTER);
      }
    }
    return sent(email.messageId());
  }

  /**
   * Hands over an email that belongs to no step (a test from the template editor): the same
   * transport as journey email, with the outcome left to the caller, since nothing retries it.
   */
  SendOutcome handOver(Email email) {
    return transport.send(email);
  }

  @PreDestroy
  void closeTransport() {
    transport.close();
  }

  /** How a step that sent (or settled) a message ends: the journey can name the message. */
  static StepResult sent(long messageId) {
    return new StepResult.Completed(Map.of("lastMessageId", messageId));
  }
}
