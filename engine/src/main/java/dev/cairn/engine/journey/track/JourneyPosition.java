package dev.cairn.engine.journey.track;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a contact is in one journey instance.
 *
 * @param currentElementIds the nodes the contact is at now; empty once the journey ended
 */
public record JourneyPosition(
    String journeyId,
    int version,
    long processInstanceKey,
    Instant startedAt,
    @Nullable Instant endedAt,
    List<String> currentElementIds) {

  public JourneyPosition {
    currentElementIds = List.copyOf(currentElementIds);
  }

  public boolean active() {
    return endedAt == null;
  }
}
