package dev.cairn.engine.contactupdate;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A journey step that sets a contact attribute ("tag them as onboarded", "set plan to trial"):
 * {@code first_name}, {@code last_name}, {@code time_zone}, {@code locale} or a custom trait
 * {@code trait:<name>}. Setting the same value again changes nothing, so a retry is harmless.
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
  @Transactional
  public StepResult perform(Step step) {
    contacts.setAttribute(step.contactId(), Objects.requireNonNull(step.header("attribute")), Objects.requireNonNull(step.header("value")));
    return StepResult.Completed.empty();
  }
}
