package dev.cairn.engine.event;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.TraitProblem;
import java.util.List;

/** What happened to an incoming event. */
public sealed interface IngestResult {

  /**
   * Stored for the first time.
   *
   * @param warnings trait values left out because they were not valid (the event itself is stored)
   */
  record Accepted(long eventId, ContactId contactId, List<TraitProblem> warnings)
      implements IngestResult {
    public Accepted {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Not stored: a trait value is not of its declared attribute's type and cannot be converted.
   *
   * @param problems one per refused value, naming the attribute, the type and the value
   */
  record Rejected(List<TraitProblem> problems) implements IngestResult {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }

  /** Already stored under the same message id: a retry, nothing changed. */
  record Duplicate(String messageId) implements IngestResult {}
}
