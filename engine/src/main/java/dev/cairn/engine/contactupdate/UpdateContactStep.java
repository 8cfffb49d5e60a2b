package dev.cairn.engine.contactupdate;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A journey step that changes a contact: sets {@code first_name}, {@code last_name},
 * {@code time_zone}, {@code locale} or a custom trait {@code trait:<name>} ("set plan to trial"),
 * or puts on ({@code tag}) or takes off ({@code untag}) a tag. Doing it again changes nothing, so
 * a retry is harmless.
 */
@Component
class UpdateContactStep implements StepHandler {

  static final String TYPE = "cairn.update-contact";

  private final Contacts contacts;

  UpdateContactStep(Contacts contacts) {
    this.contacts = contacts;
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
    return attribute == null ? List.of() : Contacts.unsettable(attribute).stream().toList();
  }

  @Override
  @Transactional
  public StepResult perform(Step step) {
    String attribute = Objects.requireNonNull(step.header("attribute"));
    String value = Objects.requireNonNull(step.header("value"));
    switch (attribute) {
      case "tag" -> contacts.tag(step.contactId(), value);
      case "untag" -> contacts.untag(step.contactId(), value);
      default -> contacts.setAttribute(step.contactId(), attribute, value);
    }
    return StepResult.Completed.empty();
  }
}
