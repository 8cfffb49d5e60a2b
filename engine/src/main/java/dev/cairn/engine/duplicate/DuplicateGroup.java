package dev.cairn.engine.duplicate;

import dev.cairn.engine.contact.ContactSummary;
import java.util.List;
import java.util.Objects;

/**
 * Contacts that share something only one person should have.
 *
 * @param shared what they share, as a marketer reads it ({@code ann@acme.com}, {@code +4790000000},
 *     {@code Ann Lee at acme.com})
 * @param contacts the oldest first
 */
public record DuplicateGroup(DuplicateRule rule, String shared, List<ContactSummary> contacts) {

  public DuplicateGroup {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(shared, "shared");
    contacts = List.copyOf(contacts);
    if (contacts.size() < 2) {
      throw new IllegalArgumentException(
          "a group of duplicates has at least two contacts, not " + contacts.size());
    }
  }
}
