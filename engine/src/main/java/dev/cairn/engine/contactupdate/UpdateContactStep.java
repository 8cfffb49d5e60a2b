package dev.cairn.engine.contactupdate;

import dev.cairn.engine.attribute.AttributeType;
import dev.cairn.engine.attribute.Attributes;
import dev.cairn.engine.consent.ConsentChannel;
import dev.cairn.engine.consent.ConsentStatus;
import dev.cairn.engine.consent.Consents;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A journey step that changes a contact: sets {@code first_name}, {@code last_name}, {@code
 * time_zone}, {@code locale} or a custom trait {@code trait:<name>} ("set plan to trial"), puts on
 * ({@code tag}) or takes off ({@code untag}) a tag, or records the contact's {@code email_consent}
 * / {@code sms_consent} (subscribed, unsubscribed or pending, with the {@code source} header as
 * where it came from: "sunset" for a win-back that gave up). Doing it again changes nothing, so a
 * retry is harmless.
 */
@Component
class UpdateContactStep implements StepHandler {

  static final String TYPE = dev.cairn.engine.journey.language.Step.UPDATE_CONTACT;
  private static final String TRAIT = "trait:";

  private final Contacts contacts;
  private final Consents consents;
  private final Attributes attributes;

  UpdateContactStep(Contacts contacts, Consents consents, Attributes attributes) {
    this.contacts = contacts;
    this.consents = consents;
    this.attributes = attributes;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String displayName() {
    return "Update contact";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("attribute", "value");
  }

  @Override
  public List<String> problems(Map<String, String> headers) {
    String attribute = headers.get("attribute");
    if (attribute == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>(Contacts.unsettable(attribute).stream().toList());
    String value = headers.get("value");
    if (Contacts.CONSENTS.contains(attribute)
        && value != null
        && ConsentStatus.parse(value).isEmpty()) {
      problems.add(
          "\""
              + value
              + "\" is not a consent "
              + attribute
              + " can be set to; use subscribed, unsubscribed or pending.");
    }
    if (attribute.startsWith(TRAIT)
        && value != null
        && attributes.schema().convert(attribute.substring(TRAIT.length()), value)
            instanceof AttributeType.Conversion.Refused refused) {
      problems.add(refused.reason());
    }
    return problems;
  }

  @Override
  @Transactional
  public StepResult perform(Step step) {
    String attribute = Objects.requireNonNull(step.header("attribute"));
    String value = Objects.requireNonNull(step.header("value"));
    switch (attribute) {
      case "tag" -> contacts.tag(step.contactId(), value);
      case "untag" -> contacts.untag(step.contactId(), value);
      case "email_consent" -> consent(step, ConsentChannel.EMAIL, value);
      case "sms_consent" -> consent(step, ConsentChannel.SMS, value);
      default -> {
        if (attribute.startsWith(TRAIT)) {
          return setTrait(step, attribute.substring(TRAIT.length()), value);
        }
        contacts.setAttribute(step.contactId(), attribute, value);
      }
    }
    return StepResult.Completed.empty();
  }

  /**
   * A declared attribute gets a value of its type; one that does not convert stops here as an
   * incident.
   */
  private StepResult setTrait(Step step, String name, String value) {
    return switch (attributes.schema().convert(name, value)) {
      case AttributeType.Conversion.Refused refused -> new StepResult.Rejected(refused.reason());
      case AttributeType.Conversion.Converted converted
          when attributes.schema().typeOf(name).isPresent() -> {
        contacts.setTrait(step.contactId(), name, converted.value());
        yield StepResult.Completed.empty();
      }
      case AttributeType.Conversion.Converted converted -> {
        contacts.setAttribute(step.contactId(), TRAIT + name, value);
        yield StepResult.Completed.empty();
      }
    };
  }

  private void consent(Step step, ConsentChannel channel, String value) {
    if (step.testRun()) {
      return; // a marketer trying the journey on a real contact must not change what that contact
      // agreed to
    }
    ConsentStatus status =
        ConsentStatus.parse(value)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "\"" + value + "\" is not a consent; checked before publishing"));
    String source = step.header("source");
    consents.record(
        step.contactId(),
        channel,
        status,
        source == null || source.isBlank() ? "journey " + step.journeyId() : source.strip());
  }
}
