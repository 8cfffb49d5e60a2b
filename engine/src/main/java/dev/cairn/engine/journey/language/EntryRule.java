package dev.cairn.engine.journey.language;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Who may enter a journey again ({@code cairn:re-entry} and {@code cairn:re-entry-gap} on the start
 * event).
 *
 * @param minimumGap when set, a contact re-enters only this long after their last entry
 */
public record EntryRule(ReEntry reEntry, @Nullable Duration minimumGap) {

  public static final EntryRule DEFAULT = new EntryRule(ReEntry.ONE_AT_A_TIME, null);

  public enum ReEntry {
    /** Once ever (a welcome series). */
    ONCE,
    /** Again, but not while still inside (the default). */
    ONE_AT_A_TIME,
    /** Every time the trigger happens, even while inside (order confirmations). */
    EVERY_TIME
  }
}
