package dev.cairn.engine.schedule;

import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Works out when a "wait until" ends for this contact (their time zone, their dates) and hands it
 * to the timer after it. Contacts without the date attribute move on at once.
 */
@Component
public class ScheduleStep implements StepHandler {

  public static final String TYPE = "cairn.schedule";

  private final Contacts contacts;
  private final Clock clock;
  private final ZoneId defaultZone;
  private final @Nullable Duration longestWait;
  private final Duration testRunWait;

  ScheduleStep(
      Contacts contacts,
      Clock clock,
      @Value("${cairn.send.default-time-zone:UTC}") String defaultZone,
      @Value("${cairn.journeys.longest-wait:#{null}}") @Nullable Duration longestWait,
      @Value("${cairn.journeys.test-run-wait:PT5S}") Duration testRunWait) {
    this.contacts = contacts;
    this.clock = clock;
    this.defaultZone = ZoneId.of(defaultZone);
    this.longestWait = longestWait;
    this.testRunWait = testRunWait;
  }

  /** The instance variable holding when the wait at {@code timerId} ends. */
  public static String variable(String timerId) {
    return "until_" + timerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String displayName() {
    return "Wait until";
  }

  @Override
  public Set<String> requiredHeaders() {
    return Set.of("timer", "until");
  }

  @Override
  public StepResult perform(Step step) {
    WaitUntil until =
        WaitUntil.parse(
            Objects.requireNonNull(step.header("until")), step.header("offset"), step.header("at"));
    ContactProfile contact =
        contacts
            .find(step.contactId())
            .orElseThrow(() -> new IllegalStateException("no contact " + step.contactId()));
    ZonedDateTime end =
        until.next(
            WaitUntil.zone(contact.timeZone(), defaultZone), contact.traits(), clock.instant());
    @Nullable Duration cap = step.testRun() ? testRunWait : longestWait;
    if (cap != null && end.toInstant().isAfter(clock.instant().plus(cap))) {
      // Test runs fast-forward every wait; trials and demos cap them (cairn.journeys.longest-wait).
      end = clock.instant().plus(cap).atZone(end.getZone());
    }
    return new StepResult.Completed(
        Map.of(
            variable(Objects.requireNonNull(step.header("timer"))),
            end.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
  }
}
