package dev.cairn.engine.runtime;

import dev.cairn.engine.journey.JourneyCompiler;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every journey instance's first step: it claims the instance's entry. Starting an instance in the
 * engine and recording it in the database are two systems, so Cairn dying between the two makes
 * the event that caused the entry be handled again, and a second instance start for the same
 * entry. Whichever instance claims the entry first goes on; the other withdraws before it sends
 * anything, and the contact's enrolment names the one that went on.
 */
@Component
class EntryAdmission implements StepHandler {

  private final JdbcClient jdbc;
  private final Enrollments enrollments;
  private final Clock clock;

  EntryAdmission(JdbcClient jdbc, Enrollments enrollments, Clock clock) {
    this.jdbc = jdbc;
    this.enrollments = enrollments;
    this.clock = clock;
  }

  @Override
  public String type() {
    return JourneyCompiler.ADMISSION_TYPE;
  }

  @Override
  public String displayName() {
    return "Entry admission";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of();
  }

  @Override
  @Transactional
  public StepResult perform(Step step) {
    if (!(step.variables().get(JourneyEntry.ENTRY_KEY) instanceof String entry)) {
      return StepResult.Completed.empty(); // started without an entry key: nothing to tell apart
    }
    // The entry that started this instance holds the contact until its enrolment is recorded.
    enrollments.lockContact(step.contactId());
    long admitted = claim(entry, step.processInstanceKey());
    if (admitted != step.processInstanceKey()) {
      jdbc.sql("delete from enrollment where process_instance_key = :key").param("key", step.processInstanceKey()).update();
      return new StepResult.Withdrawn("entry " + entry + " was already admitted as journey instance " + admitted);
    }
    // Started just before Cairn died, this instance's start went unrecorded: record it now.
    enrollments.record(step.processInstanceKey(), step.contactId(), step.journeyId(), step.journeyVersion(), JourneyEntry.eventOf(entry), clock.instant());
    return StepResult.Completed.empty();
  }

  /** The instance the entry admits: this one if none claimed it before. */
  private long claim(String entry, long processInstanceKey) {
    jdbc.sql(
            """
            insert into journey_admission (entry_key, process_instance_key, admitted_at) values (:entry, :instance, :now)
            on conflict (entry_key) do nothing
            """)
        .param("entry", entry)
        .param("instance", processInstanceKey)
        .param("now", Timestamp.from(clock.instant()))
        .update();
    return jdbc.sql("select process_instance_key from journey_admission where entry_key = :entry")
        .param("entry", entry)
        .query(Long.class)
        .single();
  }

}
