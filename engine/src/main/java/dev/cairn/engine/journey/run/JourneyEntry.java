package dev.cairn.engine.journey.run;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.event.StoredEvent;
import dev.cairn.engine.journey.JourneyStatus;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.journey.WaitCorrelation;
import dev.cairn.engine.journey.language.EntryRule;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Starts journeys for contacts: one active instance per contact and journey. */
@Component
public class JourneyEntry {

  private static final Logger log = LoggerFactory.getLogger(JourneyEntry.class);

  private final Journeys journeys;
  private final Enrollments enrollments;
  private final JourneyEngine engine;
  private final Clock clock;

  JourneyEntry(Journeys journeys, Enrollments enrollments, JourneyEngine engine, Clock clock) {
    this.journeys = journeys;
    this.enrollments = enrollments;
    this.engine = engine;
    this.clock = clock;
  }

  /** Enrols the event's contact in every published journey this event triggers. */
  @Transactional(propagation = Propagation.MANDATORY)
  void onEvent(StoredEvent event) {
    if (event.name() == null) {
      return;
    }
    for (String journeyId : journeys.triggeredBy(event.name())) {
      if (!journeys.triggerAccepts(journeyId, event.properties())) {
        continue;
      }
      enter(
          event.contactId(),
          journeyId,
          EventVariables.of(event.name(), event.properties(), event.occurredAt()),
          event.id());
    }
  }

  /** The outcome of asking, through the API, for a contact to enter a journey. */
  public sealed interface Request {
    record Entered() implements Request {}

    /** The journey takes no contacts now (a draft, paused or stopped). */
    record NotRunning(JourneyStatus status) implements Request {}

    /** The journey's re-entry rule keeps the contact out for now. */
    record Declined(String reason) implements Request {}
  }

  /**
   * Enters the contact as if the journey's trigger had happened, with these properties ("an API
   * call" entry trigger): the journey must be running and its re-entry rule is kept.
   */
  @Transactional
  public Request enterOnRequest(
      ContactId contact, String journeyId, Map<String, Object> properties) {
    JourneyStatus status =
        journeys.find(journeyId).map(found -> found.summary().status()).orElse(JourneyStatus.DRAFT);
    if (status != JourneyStatus.PUBLISHED) {
      return new Request.NotRunning(status);
    }
    return enter(
            contact, journeyId, EventVariables.of("API call", properties, clock.instant()), null)
        ? new Request.Entered()
        : new Request.Declined(
            "the journey's re-entry rule ("
                + describe(journeys.entryRule(journeyId))
                + ") keeps this contact out for now");
  }

  private static String describe(EntryRule rule) {
    String mode =
        switch (rule.reEntry()) {
          case ONCE -> "once ever";
          case ONE_AT_A_TIME -> "one at a time";
          case EVERY_TIME -> "every time";
        };
    return rule.minimumGap() == null ? mode : mode + ", at least " + rule.minimumGap() + " apart";
  }

  /** The journey's re-entry rule: once ever, one at a time, or every time, and the least gap. */
  private boolean mayEnter(ContactId contact, String journeyId) {
    EntryRule rule = journeys.entryRule(journeyId);
    boolean allowed =
        switch (rule.reEntry()) {
          case ONCE -> enrollments.lastEntry(contact, journeyId).isEmpty();
          case ONE_AT_A_TIME -> !enrollments.isActiveIn(contact, journeyId);
          case EVERY_TIME -> true;
        };
    if (allowed && rule.minimumGap() != null) {
      Instant earliest = clock.instant().minus(rule.minimumGap());
      allowed =
          enrollments
              .lastEntry(contact, journeyId)
              .map(last -> last.isBefore(earliest))
              .orElse(true);
    }
    if (!allowed) {
      log.debug("Contact {} may not enter journey {} again now ({})", contact, journeyId, rule);
    }
    return allowed;
  }

  /**
   * Starts the journey for the contact if its re-entry rule allows; returns whether it started. The
   * instance and the contact's enrolment are written in the caller's transaction: both or neither,
   * so an event handled again after a crash cannot enter the contact twice.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean enter(
      ContactId contact, String journeyId, Map<String, Object> trigger, @Nullable Long eventId) {
    enrollments.lockContact(contact);
    if (!mayEnter(contact, journeyId)) {
      return false;
    }
    Map<String, Object> variables = Map.of("contactId", contact.toString(), "trigger", trigger);
    JourneyEngine.Started instance =
        engine.start(journeyId, WaitCorrelation.key(journeyId, contact), variables);
    enrollments.record(
        instance.processInstanceKey(),
        contact,
        journeyId,
        instance.version(),
        eventId,
        clock.instant());
    return true;
  }
}
