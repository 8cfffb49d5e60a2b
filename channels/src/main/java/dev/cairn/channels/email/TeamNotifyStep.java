package dev.cairn.channels.email;

import dev.cairn.channels.delivery.Channel;
import dev.cairn.channels.delivery.DeliveryLedger;
import dev.cairn.channels.delivery.OutgoingMessage;
import dev.cairn.channels.template.MergeFields;
import dev.cairn.channels.template.TemplateProblem;
import dev.cairn.channels.template.Templates;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.contact.EmailAddress;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The "notify a team member" step: a plain-text email about the contact to people on the team
 * ({@code to}, comma-separated), with a Liquid {@code subject} and {@code text} that see the
 * contact's merge fields. It goes to staff, not the contact, so no consent, frequency cap, quiet
 * hours or tracking apply; like every email it is recorded in the ledger under the job key first,
 * so a retried job never sends it twice.
 */
@Component
class TeamNotifyStep implements StepHandler {

  static final String TYPE = dev.cairn.engine.journey.language.Step.NOTIFY;

  private final Contacts contacts;
  private final Templates templates;
  private final DeliveryLedger ledger;
  private final MailDelivery delivery;

  TeamNotifyStep(
      Contacts contacts, Templates templates, DeliveryLedger ledger, MailDelivery delivery) {
    this.contacts = contacts;
    this.templates = templates;
    this.ledger = ledger;
    this.delivery = delivery;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String displayName() {
    return "Notify a team member";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("to", "subject", "text");
  }

  @Override
  public String describe(String header) {
    return switch (header) {
      case "to" -> "the email address of a team member to notify (to)";
      case "text" -> "a text to send";
      default -> "a " + header;
    };
  }

  @Override
  public List<String> problems(Map<String, String> headers) {
    List<String> problems = new ArrayList<>();
    List<String> entries = entries(Objects.requireNonNullElse(headers.get("to"), ""));
    if (entries.isEmpty()) {
      problems.add("there is no team member's email address in \"to\".");
    }
    for (String entry : entries) {
      if (EmailAddress.parse(entry).isEmpty()) {
        problems.add(
            "the address \""
                + entry
                + "\" is not an email address; separate several addresses with commas.");
      }
    }
    for (String part : List.of("subject", "text")) {
      String source = headers.get(part);
      if (source != null) {
        templates
            .checkInline(part, source)
            .ifPresent(
                defect -> problems.add("the " + part + " " + EmailStepCheck.unreadable(defect)));
      }
    }
    return problems;
  }

  @Override
  public StepResult perform(Step step) {
    Optional<Long> earlier = ledger.settled(step.jobKey());
    if (earlier.isPresent()) {
      return MailDelivery.sent(
          earlier.get()); // handed out again after we finished: nothing to send
    }
    Optional<ContactProfile> contact = contacts.find(step.contactId());
    if (contact.isEmpty()) {
      return MailDelivery.sent(ledger.skip(step, Channel.TEAM, "the contact no longer exists"));
    }
    String to = recipients(Objects.requireNonNull(step.header("to")));
    if (to.isEmpty()) {
      // Checked before publishing; a diagram deployed around the check stops here, visibly.
      return new StepResult.Rejected(
          "no valid team member address in \"to\": " + step.header("to"));
    }
    String subject;
    String text;
    try {
      Map<String, Object> fields = MergeFields.of(contact.get(), step.variables());
      subject =
          templates
              .renderInline(
                  "subject of " + step.elementId(),
                  Objects.requireNonNull(step.header("subject")),
                  fields)
              .strip();
      text =
          templates
              .renderInline(
                  "text of " + step.elementId(),
                  Objects.requireNonNull(step.header("text")),
                  fields)
              .strip();
    } catch (TemplateProblem problem) {
      return new StepResult.Failed(problem.getMessage(), MailDelivery.RETRY_AFTER);
    }
    long id = ledger.prepare(new OutgoingMessage(step, Channel.TEAM, to, subject, null, text));
    return delivery.deliver(step, new Email(id, to, subject, null, text, null));
  }

  /**
   * The addresses that are valid, comma-separated; an invalid one was refused before publishing.
   */
  private static String recipients(String to) {
    return String.join(
        ", ",
        entries(to).stream()
            .map(EmailAddress::parse)
            .flatMap(Optional::stream)
            .map(EmailAddress::value)
            .toList());
  }

  private static List<String> entries(String to) {
    return Arrays.stream(to.split(","))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .toList();
  }
}
