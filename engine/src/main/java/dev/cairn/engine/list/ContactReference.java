package dev.cairn.engine.list;

import dev.cairn.engine.contact.ContactId;

/**
 * How a caller of the lists API names a contact: by Cairn's id, by their user id, or by their
 * email.
 */
public sealed interface ContactReference {

  /** The reference as a reader of an answer recognises it: {@code userId "u-42"}. */
  String describe();

  /** Cairn's own id; an id of a contact since merged into another names the one it became. */
  record ByContactId(ContactId id) implements ContactReference {
    @Override
    public String describe() {
      return "contactId \"" + id + "\"";
    }
  }

  /** The id the sender's own systems know the contact by (the event API's {@code userId}). */
  record ByUserId(String userId) implements ContactReference {
    public ByUserId {
      if (userId.isBlank()) {
        throw new IllegalArgumentException("a user id has characters");
      }
    }

    @Override
    public String describe() {
      return "userId \"" + userId + "\"";
    }
  }

  /** An email address; it names a contact only when exactly one contact has it. */
  record ByEmail(String email) implements ContactReference {
    public ByEmail {
      if (email.isBlank()) {
        throw new IllegalArgumentException("an email has characters");
      }
    }

    @Override
    public String describe() {
      return "email \"" + email + "\"";
    }
  }
}
