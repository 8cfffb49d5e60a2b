package dev.cairn.engine.list;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.contact.EmailAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the contact a {@link ContactReference} names, or says in plain words why none is found. */
@Service
public class ContactReferences {

  private final Contacts contacts;
  private final JdbcClient jdbc;

  ContactReferences(Contacts contacts, JdbcClient jdbc) {
    this.contacts = contacts;
    this.jdbc = jdbc;
  }

  /** What looking a contact up found. */
  public sealed interface Lookup {

    /** The contact. */
    record Found(ContactId contact) implements Lookup {}

    /** No contact is known by the reference. */
    record Unknown(String reason) implements Lookup {}

    /** Several contacts share the email: the caller must say which. */
    record Ambiguous(String reason) implements Lookup {}
  }

  @Transactional(readOnly = true)
  public Lookup find(ContactReference reference) {
    return switch (reference) {
      case ContactReference.ByContactId byId -> found(contacts.find(byId.id()), reference);
      case ContactReference.ByUserId byUserId ->
          found(contacts.findByUserId(byUserId.userId()), reference);
      case ContactReference.ByEmail byEmail -> byEmail(byEmail);
    };
  }

  private static Lookup found(Optional<ContactProfile> contact, ContactReference reference) {
    return contact
        .<Lookup>map(profile -> new Lookup.Found(profile.id()))
        .orElseGet(() -> unknown(reference));
  }

  private Lookup byEmail(ContactReference.ByEmail reference) {
    Optional<EmailAddress> email = EmailAddress.parse(reference.email());
    if (email.isEmpty()) {
      return new Lookup.Unknown(
          "\"" + reference.email() + "\" is not an email address, so no contact has it");
    }
    // Addresses are stored with the domain in lower case; people type the local part in any case
    // too.
    List<UUID> owners =
        jdbc.sql(
                "select id from contact where lower(email) = lower(:email) order by created_at limit 2")
            .param("email", email.get().value())
            .query(UUID.class)
            .list();
    return switch (owners.size()) {
      case 0 -> unknown(reference);
      case 1 -> new Lookup.Found(new ContactId(owners.getFirst()));
      default ->
          new Lookup.Ambiguous(
              "more than one contact has the email \""
                  + email.get().value()
                  + "\"; name the one you mean by its userId or contactId");
    };
  }

  private static Lookup unknown(ContactReference reference) {
    return new Lookup.Unknown("no contact has the " + reference.describe());
  }
}
