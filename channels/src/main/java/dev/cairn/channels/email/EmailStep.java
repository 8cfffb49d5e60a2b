package dev.cairn.channels.email;

import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.OutgoingMessage;
import dev.cairn.channels.delivery.SendPolicy;
import dev.cairn.channels.preference.Preferences;
import dev.cairn.channels.recommendation.ProductRecommendations;
import dev.cairn.channels.template.ChosenTemplate;
import dev.cairn.channels.template.MergeFields;
import dev.cairn.channels.template.RenderedEmail;
import dev.cairn.channels.template.TemplateLocale;
import dev.cairn.channels.template.TemplateProblem;
import dev.cairn.channels.template.Templates;
import dev.cairn.channels.tracking.EmailTracking;
import dev.cairn.engine.consent.Consent;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The "send email" step: renders the step's Liquid template for the contact, records the message in
 * the ledger under the job key, then hands it to SMTP or the outbox.
 */
@Component
class EmailStep implements StepHandler {

  static final String TYPE = dev.cairn.engine.journey.language.Step.EMAIL;
  static final String CONFIRMATION = "confirmation";

  /**
   * The preference centre topic the email is about ({@code offers}): contacts who opted out of it
   * are skipped.
   */
  static final String TOPIC = "topic";

  /** The Liquid variable holding products to recommend, computed only for templates naming it. */
  static final String RECOMMENDATIONS = "recommendations";

  private final Contacts contacts;
  private final Templates templates;
  private final DeliveryLedger ledger;
  private final MailDelivery delivery;
  private final Consents consents;
  private final EmailTracking tracking;
  private final SendPolicy policy;
  private final EmailStepCheck check;
  private final ProductRecommendations recommendations;
  private final Preferences preferences;

  EmailStep(
      Contacts contacts,
      Templates templates,
      DeliveryLedger ledger,
      MailDelivery delivery,
      Consents consents,
      EmailTracking tracking,
      SendPolicy policy,
      ProductRecommendations recommendations,
      Preferences preferences) {
    this.policy = policy;
    this.preferences = preferences;
    this.recommendations = recommendations;
    this.contacts = contacts;
    this.templates = templates;
    this.ledger = ledger;
    this.consents = consents;
    this.tracking = tracking;
    this.delivery = delivery;
    this.check = new EmailStepCheck(templates);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String displayName() {
    return "Send email";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("template", "subject");
  }

  @Override
  public List<String> problems(Map<String, String> headers) {
    List<String> problems = new ArrayList<>(check.problems(headers));
    String topic = headers.get(TOPIC);
    if (topic != null && !topic.isBlank() && !preferences.topics().containsKey(topic.strip())) {
      problems.add(
          "The topic \""
              + topic.strip()
              + "\" is not one of the preference centre's topics ("
              + String.join(", ", preferences.topics().keySet())
              + "): choose one of them, or add it to cairn.preferences.topics.");
    }
    return problems;
  }

  @Override
  public StepResult perform(Step step) {
    Optional<Long> earlier = ledger.settled(step.jobKey());
    if (earlier.isPresent()) {
      return done(earlier.get()); // handed out again after we finished: nothing to send
    }
    Optional<ContactProfile> contact = contacts.find(step.contactId());
    if (contact.isEmpty() || contact.get().email() == null) {
      return done(ledger.skip(step, Channel.EMAIL, "the contact has no email address"));
    }
    if (confirmationRequest(step)) {
      // Asking a pending contact to confirm (double opt-in) is the one email they may get before
      // agreeing.
      Consent consent = consents.of(contact.get().id()).get(ConsentChannel.EMAIL);
      if (consent == null || consent.status() != ConsentStatus.PENDING) {
        return done(
            ledger.skip(
                step,
                Channel.EMAIL,
                "the contact's email consent is not waiting for confirmation"));
      }
    } else if (!consents.allows(contact.get().id(), ConsentChannel.EMAIL)) {
      return done(
          ledger.skip(
              step, Channel.EMAIL, "the contact has not agreed to (or unsubscribed from) email"));
    }
    String topic = step.header(TOPIC);
    if (topic != null
        && !topic.isBlank()
        && preferences.optedOut(contact.get().id(), topic.strip())) {
      String name = preferences.topics().getOrDefault(topic.strip(), topic.strip());
      return done(
          ledger.skip(
              step,
              Channel.EMAIL,
              "the contact opted out of " + name + " email in the preference centre"));
    }
    switch (policy.check(step, Channel.EMAIL, contact.get().timeZone())) {
      case SendPolicy.Decision.Skip skip -> {
        return done(ledger.skip(step, Channel.EMAIL, skip.reason()));
      }
      case SendPolicy.Decision.Delay delay -> {
        ledger.queue(step, Channel.EMAIL, delay.reason(), delay.until());
        return new StepResult.Deferred(delay.reason(), delay.until());
      }
      case SendPolicy.Decision.Send send -> {}
    }
    Email email;
    try {
      email = render(step, contact.get());
    } catch (TemplateProblem problem) {
      // A broken template does not heal by itself; fail the job so it shows as an incident.
      return new StepResult.Failed(problem.getMessage(), MailDelivery.RETRY_AFTER);
    }
    return delivery.deliver(step, email);
  }

  private Email render(Step step, ContactProfile contact) {
    ChosenTemplate template = templates.choose(step.header("template"), contact.locale());
    Map<String, Object> fields = MergeFields.of(contact, step.variables());
    if (templates.uses(template, RECOMMENDATIONS)) {
      // A query per email: only for templates that show them.
      fields.put(
          RECOMMENDATIONS,
          recommendations.forContact(
              contact.id(),
              ProductRecommendations.productsOf(
                  step.variables().get("trigger"), step.variables().get("lastEvent"))));
    }
    String unsubscribeUrl = tracking.unsubscribeUrl(step.jobKey());
    fields.put("unsubscribe_url", unsubscribeUrl);
    fields.put("preferences_url", tracking.preferencesUrl(step.jobKey()));
    if (confirmationRequest(step)) {
      fields.put("confirm_url", tracking.confirmUrl(step.jobKey()));
    }
    String stepSubject =
        templates
            .renderInline("subject of " + step.elementId(), step.header("subject"), fields)
            .strip();
    fields.put("subject", stepSubject);
    RenderedEmail email = templates.renderEmail(template, fields);
    // A translation's {% subject %} wins over the step's, which is written in one language.
    String subject = email.subject() != null ? email.subject() : stepSubject;
    String rendered = email.html();
    String text = HtmlToText.convert(rendered);
    EmailTracking.Tracked tracked = tracking.track(rendered, step.jobKey());
    long id =
        ledger.prepare(
            new OutgoingMessage(
                step,
                Channel.EMAIL,
                contact.email(),
                subject,
                tracked.html(),
                text,
                template.locale().map(TemplateLocale::tag).orElse(null)));
    tracking.recordLinks(id, tracked.links());
    return new Email(id, contact.email(), subject, tracked.html(), text, unsubscribeUrl);
  }

  /**
   * A step with the header {@code confirmation: true} asks for a double opt-in: it carries {@code
   * confirm_url}.
   */
  private static boolean confirmationRequest(Step step) {
    return "true".equalsIgnoreCase(String.valueOf(step.header(CONFIRMATION)).strip());
  }

  private static StepResult done(long messageId) {
    return MailDelivery.sent(messageId);
  }
}
