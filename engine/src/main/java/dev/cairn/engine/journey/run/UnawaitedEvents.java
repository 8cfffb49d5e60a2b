package dev.cairn.engine.journey.run;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settles, set-based, the pending events no journey can take: no running journey starts on their
 * name and no version of a journey that still has contacts inside waits for it (page views,
 * identifies, segment changes nobody listens to). They cost one shared update, never a look at the
 * contact's journeys nor any engine work, so a backlog of them cannot hold up the events that
 * matter.
 */
@Component
class UnawaitedEvents {

  /**
   * Names of events some journey can take: the triggers of running journeys and the messages the
   * versions of journeys not stopped wait for ({@code Order Completed|plan=Pro} is an "Order
   * Completed"). Read in the settling statement itself, so a journey published before it commits is
   * never missed.
   */
  private static final String AWAITED_NAMES =
      """
      select trigger_event from journey where status = 'PUBLISHED' and trigger_event is not null
      union
      select split_part(awaited, '|', 1)
      from journey_version v join journey j on j.id = v.journey_id
      cross join lateral unnest(v.awaited_events) awaited
      where j.status <> 'STOPPED'
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  UnawaitedEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Settles those of the oldest {@code window} pending events that no journey can take, in the
   * caller's transaction; returns how many. Looking at a window at the front of the queue keeps the
   * cost bounded however long the backlog is. Only the settled events are locked, so dispatchers
   * claiming the others are not held up. The window's events are looked up by their ids, not
   * joined: right after a burst the table's statistics lag behind, and a planner that believes the
   * table small would otherwise scan the window again for every event.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  int settle(int window) {
    return jdbc.sql(
            """
            with settled as (
              select e.id from contact_event e
              where e.id = any(array(
                  select id from contact_event where processed_at is null order by id limit :window))
                and e.processed_at is null and (e.name is null or e.name not in (%s))
              for update of e skip locked
            )
            update contact_event e set processed_at = :now
            from settled
            where e.id = settled.id
            """
                .formatted(AWAITED_NAMES))
        .param("window", window)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }
}
