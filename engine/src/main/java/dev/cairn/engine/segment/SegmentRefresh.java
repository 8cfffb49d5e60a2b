package dev.cairn.engine.segment;

import dev.cairn.engine.cluster.ReplicaLocks;
import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.event.EventIngestion;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes every segment's members in PostgreSQL (one insert and one delete per segment, no
 * contacts loaded into memory), segments others refer to first. Contacts who entered or left get a
 * "Segment Entered" / "Segment Left" event journeys can start on; a new segment's first members are
 * its starting population, not entries. The periodic refresh runs on one replica at a time ({@link
 * ReplicaLocks}); a segment refreshed by hand meanwhile takes its turn through an advisory lock.
 */
@Component
public class SegmentRefresh implements SmartLifecycle {

  public static final String ENTERED = "Segment Entered";
  public static final String LEFT = "Segment Left";
  private static final Logger log = LoggerFactory.getLogger(SegmentRefresh.class);

  private final ReplicaLocks locks;
  private final Segments segments;
  private final Contacts contacts;
  private final JdbcClient jdbc;
  private final EventIngestion events;
  private final TransactionTemplate transaction;
  private final SegmentProperties properties;
  private final Clock clock;
  private volatile Thread thread = new Thread(() -> {});
  private volatile boolean running;

  SegmentRefresh(
      ReplicaLocks locks,
      Segments segments,
      Contacts contacts,
      JdbcClient jdbc,
      EventIngestion events,
      TransactionTemplate transaction,
      SegmentProperties properties,
      Clock clock) {
    this.locks = locks;
    this.segments = segments;
    this.contacts = contacts;
    this.jdbc = jdbc;
    this.events = events;
    this.transaction = transaction;
    this.properties = properties;
    this.clock = clock;
  }

  /** What one refresh changed. */
  public record Changes(int entered, int left) {}

  /** Refreshes one segment now; also what the console's "refresh" button does. */
  public Changes refresh(String segmentId) {
    SegmentDefinition segment =
        segments
            .find(segmentId)
            .orElseThrow(
                () -> new InvalidSegmentException("There is no segment \"" + segmentId + "\"."));
    Changes changes = transaction.execute(status -> recompute(segment));
    return changes == null ? new Changes(0, 0) : changes;
  }

  /** Refreshes every segment, those referred to by others first. */
  public void refreshAll() {
    // Segments may use RFM and engagement scores: score first.
    contacts.scoreRfm();
    contacts.scoreEngagement();
    for (String id : inDependencyOrder()) {
      try {
        refresh(id);
      } catch (RuntimeException e) {
        log.warn("Segment {} could not be refreshed: {}", id, e.getMessage());
      }
    }
  }

  private Changes recompute(SegmentDefinition segment) {
    boolean mine =
        jdbc.sql("select pg_try_advisory_xact_lock(hashtext('cairn.segment:' || :id))")
            .param("id", segment.id())
            .query(Boolean.class)
            .single();
    if (!mine) {
      return new Changes(0, 0);
    }
    boolean firstRefresh = segment.summary().refreshedAt() == null;
    Instant now = clock.instant();
    SegmentQuery query = segments.query(segment.rule());
    List<UUID> entered =
        jdbc.sql(
                "insert into segment_member (segment_id, contact_id, entered_at) select :segment, c.id, :now from contact c where "
                    + query.condition()
                    + " on conflict do nothing returning contact_id")
            .params(query.parameters())
            .param("segment", segment.id())
            .param("now", Timestamp.from(now))
            .query(UUID.class)
            .list();
    List<UUID> left =
        jdbc.sql(
                "delete from segment_member m where m.segment_id = :segment and not exists (select 1 from contact c where c.id = m.contact_id and "
                    + query.condition()
                    + ") returning contact_id")
            .params(query.parameters())
            .param("segment", segment.id())
            .query(UUID.class)
            .list();
    jdbc.sql(
            """
            update segment set refreshed_at = :now,
                member_count = (select count(*) from segment_member where segment_id = :segment)
            where id = :segment
            """)
        .param("now", Timestamp.from(now))
        .param("segment", segment.id())
        .update();
    if (!firstRefresh) {
      announce(segment, entered, ENTERED, now);
      announce(segment, left, LEFT, now);
    }
    return new Changes(entered.size(), left.size());
  }

  private void announce(SegmentDefinition segment, List<UUID> contacts, String event, Instant at) {
    Map<String, Object> properties = Map.of("segment_id", segment.id(), "segment", segment.name());
    for (UUID contact : contacts) {
      events.record(
          new ContactId(contact),
          event,
          properties,
          event + ":" + segment.id() + ":" + contact + ":" + at.toEpochMilli());
    }
  }

  private List<String> inDependencyOrder() {
    List<String> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    List<SegmentDefinition> all =
        segments.list().stream()
            .map(summary -> segments.find(summary.id()))
            .flatMap(Optional::stream)
            .toList();
    boolean progress = true;
    while (ordered.size() < all.size() && progress) {
      progress = false;
      for (SegmentDefinition segment : all) {
        if (!placed.contains(segment.id())
            && placed.containsAll(Segments.references(segment.rule()))) {
          ordered.add(segment.id());
          placed.add(segment.id());
          progress = true;
        }
      }
    }
    return ordered;
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("cairn-segments").daemon().start(this::run);
  }

  private void run() {
    while (running) {
      try {
        locks.runAlone(
            "segment-refresh", properties.refreshInterval().dividedBy(2), this::refreshAll);
        Thread.sleep(properties.refreshInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn(
            "Segment refresh failed, trying again in {}: {}",
            properties.refreshInterval(),
            e.getMessage());
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    thread.interrupt();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
