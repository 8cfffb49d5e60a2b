package dev.cairn.engine.journey.run;

import dev.cairn.engine.cluster.ReplicaLocks;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.journey.Journeys;
import dev.cairn.engine.schedule.WaitUntil;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enters contacts into journeys with a schedule trigger when the schedule fires in their own time
 * zone ("every Monday at 9:00" is 9:00 in Lisbon for Lisbon and 9:00 in Tokyo for Tokyo). Each
 * firing is claimed once per journey and time zone in PostgreSQL, so several Cairn replicas and
 * restarts enter each contact once per firing (and one replica at a time looks); a firing missed by
 * more than the catch-up window (Cairn was down) is skipped rather than sent late.
 */
@Component
class ScheduledEntries {

  private static final Logger log = LoggerFactory.getLogger(ScheduledEntries.class);
  private static final Duration CATCH_UP = Duration.ofHours(1);

  private final Journeys journeys;
  private final JourneyEntry entry;
  private final ReplicaLocks locks;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Duration tick;
  private final ZoneId defaultZone;
  private volatile @Nullable Thread thread;

  ScheduledEntries(
      Journeys journeys,
      JourneyEntry entry,
      ReplicaLocks locks,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      Clock clock,
      @Value("${cairn.journeys.schedule-check:PT30S}") Duration tick,
      @Value("${cairn.send.default-time-zone:UTC}") String defaultZone) {
    this.journeys = journeys;
    this.entry = entry;
    this.locks = locks;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
    this.tick = tick;
    this.defaultZone = ZoneId.of(defaultZone);
  }

  /** Started by {@link RuntimeStartup} once the engine answers. */
  synchronized void start() {
    if (thread == null) {
      // The loop runs while this thread is the current one; set before it starts, it cannot see
      // itself missing.
      Thread started = Thread.ofPlatform().name("cairn-schedules").daemon().unstarted(this::run);
      thread = started;
      started.start();
    }
  }

  synchronized void stop() {
    Thread running = thread;
    thread = null;
    if (running != null) {
      running.interrupt();
    }
  }

  private void run() {
    while (thread == Thread.currentThread()) {
      try {
        // One replica looks at the schedules at a time; the firing's claim below keeps it once even
        // so.
        locks.runAlone("scheduled-entries", tick.dividedBy(2), this::enterDue);
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Scheduled entries failed, trying again in {}: {}", tick, e.getMessage());
        try {
          Thread.sleep(tick);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * Enters the audience of every schedule that fired since the last look; returns how many entered.
   */
  int enterDue() {
    Instant now = clock.instant();
    int entered = 0;
    for (Journeys.Scheduled scheduled : journeys.scheduled()) {
      Instant after =
          scheduled.since().isAfter(now.minus(CATCH_UP)) ? scheduled.since() : now.minus(CATCH_UP);
      for (Map.Entry<ZoneId, List<ContactId>> zone :
          audienceByZone(scheduled.schedule().segmentId()).entrySet()) {
        Optional<ZonedDateTime> firing = scheduled.schedule().lastFiring(zone.getKey(), after, now);
        if (firing.isPresent()
            && claim(scheduled.journeyId(), zone.getKey(), firing.get().toInstant())) {
          int count = enter(scheduled.journeyId(), zone.getValue(), firing.get());
          record(scheduled.journeyId(), zone.getKey(), firing.get().toInstant(), count);
          entered += count;
          log.info(
              "Schedule of journey {} fired at {}: {} contacts entered",
              scheduled.journeyId(),
              firing.get(),
              count);
        }
      }
    }
    return entered;
  }

  private int enter(String journeyId, List<ContactId> contacts, ZonedDateTime firing) {
    int entered = 0;
    for (ContactId contact : contacts) {
      Map<String, Object> trigger =
          EventVariables.of(
              "Schedule",
              Map.of("scheduled_at", firing.toOffsetDateTime().toString()),
              firing.toInstant());
      // One transaction per contact: a large audience never holds one long transaction open.
      Boolean started =
          transaction.execute(status -> entry.enter(contact, journeyId, trigger, null));
      entered += Boolean.TRUE.equals(started) ? 1 : 0;
    }
    return entered;
  }

  /** Contacts of the audience grouped by the time zone their schedule runs in. */
  private Map<ZoneId, List<ContactId>> audienceByZone(@Nullable String segmentId) {
    Map<ZoneId, List<ContactId>> byZone = new LinkedHashMap<>();
    String audience =
        segmentId == null
            ? "select c.id, c.time_zone from contact c where not exists (select 1 from contact_merge m where m.merged_id = c.id)"
            : "select c.id, c.time_zone from segment_member s join contact c on c.id = s.contact_id where s.segment_id = :segment";
    var query = jdbc.sql(audience + " order by c.id");
    if (segmentId != null) {
      query = query.param("segment", segmentId);
    }
    query
        .query(
            (rs, row) ->
                Map.entry(
                    new ContactId(rs.getObject("id", UUID.class)),
                    WaitUntil.zone(rs.getString("time_zone"), defaultZone)))
        .list()
        .forEach(
            contact ->
                byZone
                    .computeIfAbsent(contact.getValue(), zone -> new ArrayList<>())
                    .add(contact.getKey()));
    return byZone;
  }

  /** True for the one replica that gets to enter this firing's contacts. */
  private boolean claim(String journeyId, ZoneId zone, Instant firedAt) {
    return jdbc.sql(
                """
                insert into journey_schedule_firing (journey_id, time_zone, fired_at, claimed_at)
                values (:journey, :zone, :fired, :now) on conflict do nothing
                """)
            .param("journey", journeyId)
            .param("zone", zone.getId())
            .param("fired", Timestamp.from(firedAt))
            .param("now", Timestamp.from(clock.instant()))
            .update()
        == 1;
  }

  private void record(String journeyId, ZoneId zone, Instant firedAt, int entered) {
    jdbc.sql(
            "update journey_schedule_firing set entered = :entered where journey_id = :journey and time_zone = :zone and fired_at = :fired")
        .param("entered", entered)
        .param("journey", journeyId)
        .param("zone", zone.getId())
        .param("fired", Timestamp.from(firedAt))
        .update();
  }
}
