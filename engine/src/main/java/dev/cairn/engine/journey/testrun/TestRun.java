package dev.cairn.engine.journey.testrun;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.journey.track.ElementVisit;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One test run and how far it got.
 *
 * @param awaitedEvents events the journey can wait for, which the marketer may send on the
 *     contact's behalf
 * @param steps the nodes passed so far, in order
 */
public record TestRun(
    long id,
    String journeyId,
    ContactId contactId,
    long processInstanceKey,
    String startedBy,
    Instant startedAt,
    @Nullable Instant endedAt,
    Set<String> awaitedEvents,
    List<ElementVisit> steps) {

  public TestRun {
    awaitedEvents = Set.copyOf(awaitedEvents);
    steps = List.copyOf(steps);
  }

  public boolean running() {
    return endedAt == null;
  }
}
