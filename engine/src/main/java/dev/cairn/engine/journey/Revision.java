package dev.cairn.engine.journey;

import dev.cairn.engine.journey.check.Problem;
import java.util.List;

/** The outcome of saving a changed diagram for a journey. */
public sealed interface Revision {

  /**
   * Saved; it runs from the next publication. {@code problems} are what publishing would still
   * refuse (empty: ready to publish).
   */
  record Saved(String journeyId, List<Problem> problems) implements Revision {
    public Saved {
      problems = List.copyOf(problems);
    }
  }

  /** Not saved, because of {@code reason}; the journey keeps its diagram. */
  record Refused(String reason) implements Revision {}
}
