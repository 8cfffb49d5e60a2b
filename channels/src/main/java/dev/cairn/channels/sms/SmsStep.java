package dev.cairn.channels.sms;

import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.MessageStatus;
import dev.cairn.channels.delivery.OutgoingMessage;
import dev.cairn.channels.delivery.SendPolicy;
import dev.cairn.channels.template.MergeFields;
import dev.cairn.channels.template.TemplateProblem;
import dev.cairn.channels.template.Templates;
import dev.cairn.channels.tracking.TrackingProperties;
import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The "send SMS" step: the {@code text} header is a Liquid template. Only to contacts who
 * subscribed to SMS; recorded in the ledger under the job key before Twilio is called, so a retried
 * job never sends twice. Numbers Twilio refuses for good fail without retries (and a "replied STOP"
 * refusal records the opt-out); throttling and outages are retried with backoff. Web links in the
 * text become short tracked links ({@link SmsLinks}) unless the step's {@code shorten-links} header
 * is {@code false} or shortening is off for all.
 */
@Component
public class SmsStep implements StepHandler {

  static final String TYPE = dev.cairn.engine.journey.language.Step.SMS;
  private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private final Contacts contacts;
  private final Templates templates;
  private final DeliveryLedger ledger;
  private final Consents consents;
  private final SendPolicy policy;
  private final SmsLinks links;
  private final @Nullable TwilioGateway twilio;
  private final String statusCallback;

  @Autowired
  SmsStep(
      Contacts contacts,
      Templates templates,
      DeliveryLedger ledger,
      Consents consents,
      SendPolicy policy,
      SmsLinks links,
      SmsProperties sms,
      TrackingProperties tracking) {
    this(
        contacts,
        templates,
        ledger,
        consents,
        policy,
        links,
        sms.configured() ? new TwilioGateway(sms) : null,
        tracking.publicUrl() + "/sms/status");
  }

  SmsStep(
      Contacts contacts,
      Templates templates,
      DeliveryLedger ledger,
      Consents consents,
      SendPolicy policy,
      SmsLinks links,
      @Nullable TwilioGateway twilio,
      String statusCallback) {
    this.contacts = contacts;
    this.templates = templates;
    this.ledger = ledger;
    this.consents = consents;
    this.policy = policy;
    this.links = links;
    this.twilio = twilio;
    this.statusCallback = statusCallback;
  }

  /** A step talking to a Twilio stand-in, for tests. */
  public static SmsStep using(
      Contacts contacts,
      Templates templates,
      DeliveryLedger ledger,
      Consents consents,
      SendPolicy policy,
      SmsLinks links,
      SmsProperties sms) {
    return new SmsStep(
        contacts,
        templates,
        ledger,
        consents,
        policy,
        links,
        new TwilioGateway(sms),
        "http://localhost/sms/status");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String displayName() {
    return "Send SMS";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("text");
  }

  @Override
  public StepResult perform(Step step) {
    Optional<Long> earlier = ledger.settled(step.jobKey());
    if (earlier.isPresent()) {
      return done(earlier.get()); // handed out again after we finished: nothing to send
    }
    Optional<ContactProfile> found = contacts.find(step.contactId());
    if (found.isEmpty() || found.get().phone() == null) {
      return done(ledger.skip(step, Channel.SMS, "the contact has no phone number"));
    }
    ContactProfile contact = found.get();
    if (!consents.allows(contact.id(), ConsentChannel.SMS)) {
      return done(ledger.skip(step, Channel.SMS, withoutConsent(contact.id())));
    }
    switch (policy.check(step, Channel.SMS, contact.timeZone())) {
      case SendPolicy.Decision.Skip skip -> {
        return done(ledger.skip(step, Channel.SMS, skip.reason()));
      }
      case SendPolicy.Decision.Delay delay -> {
        ledger.queue(step, Channel.SMS, delay.reason(), delay.until());
        return new StepResult.Deferred(delay.reason(), delay.until());
      }
      case SendPolicy.Decision.Send send -> {}
    }
    String text;
    try {
      text =
          templates
              .renderInline(
                  "text of " + step.elementId(),
                  step.header("text"),
                  MergeFields.of(contact, step.variables()))
              .strip();
    } catch (TemplateProblem problem) {
      return new StepResult.Failed(problem.getMessage(), RETRY_AFTER);
    }
    // A retried attempt shortens again: its fresh codes lead to the same message as the first ones.
    SmsLinks.Shortened shortened =
        shortens(step) ? links.shorten(text) : new SmsLinks.Shortened(text, Map.of());
    text = shortened.text();
    String to = contact.phone();
    long id = ledger.prepare(new OutgoingMessage(step, Channel.SMS, to, null, null, text));
    links.record(id, shortened);
    if (step.testRun()) {
      ledger.finish(id, MessageStatus.TEST, "test run", null);
      return done(id);
    }
    if (twilio == null) {
      ledger.finish(id, MessageStatus.OUTBOX, "outbox", null);
      return done(id);
    }
    return switch (twilio.send(to, text, statusCallback)) {
      case TwilioGateway.Outcome.Sent sent -> {
        ledger.finish(id, MessageStatus.SENT, "twilio:" + sent.sid(), null);
        yield done(id);
      }
      case TwilioGateway.Outcome.Refused refused -> {
        ledger.finish(id, MessageStatus.FAILED, null, refused.reason());
        if (refused.code() == TwilioGateway.UNSUBSCRIBED) {
          consents.record(
              contact.id(),
              ConsentChannel.SMS,
              ConsentStatus.UNSUBSCRIBED,
              "carrier: recipient replied STOP");
        }
        yield done(id);
      }
      case TwilioGateway.Outcome.TryLater later ->
          new StepResult.Failed(later.reason(), RETRY_AFTER);
    };
  }

  /** Why the contact may not be texted, as the outbox shows it: an opt-out names its source. */
  private String withoutConsent(ContactId contact) {
    Consent sms = consents.of(contact).get(ConsentChannel.SMS);
    return sms != null && sms.status() == ConsentStatus.UNSUBSCRIBED
        ? "opted out of SMS (" + sms.source() + ")"
        : "the contact has not subscribed to SMS";
  }

  private boolean shortens(Step step) {
    String header = step.header(SmsLinks.HEADER);
    return links.enabled() && (header == null || !"false".equalsIgnoreCase(header.strip()));
  }

  private static StepResult done(long messageId) {
    return new StepResult.Completed(Map.of("lastMessageId", messageId));
  }
}
