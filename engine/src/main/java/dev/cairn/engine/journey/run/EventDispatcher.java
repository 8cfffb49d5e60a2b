package dev.cairn.engine.journey.run;

import dev.cairn.engine.event.EventFeed;
import dev.cairn.engine.event.EventRecorded;
import dev.cairn.engine.event.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds stored events to journeys: entry triggers first, then waiting contacts. Events are read
 * back from the database rather than handed over in memory, so an event stored just before a crash
 * is still handled after the restart, and replicas share the work.
 */
@Component
public class EventDispatcher {

  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final EventFeed feed;
  private final JourneyEntry entry;
  private final MessageCorrelation correlation;
  private final UnawaitedEvents unawaited;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;

  /** Pending events one settling statement looks at. */
  private static final int SETTLE_WINDOW = 10_000;

  private final Semaphore wakeUp = new Semaphore(0);
  private final AtomicBoolean settling = new AtomicBoolean();
  private final int dispatchers;
  private final int batchSize;
  private final int claimWindow;
  private volatile boolean running;
  private final List<Thread> threads = new ArrayList<>();

  EventDispatcher(
      EventFeed feed,
      JourneyEntry entry,
      MessageCorrelation correlation,
      UnawaitedEvents unawaited,
      PlatformTransactionManager transactionManager,
      JdbcClient jdbc,
      RuntimeProperties properties) {
    this.dispatchers = properties.dispatchers();
    this.batchSize = properties.dispatchBatch();
    // Enough room for every dispatcher's batch, with contacts that have several events pending.
    this.claimWindow = Math.max(1_000, 10 * dispatchers * batchSize);
    this.feed = feed;
    this.entry = entry;
    this.correlation = correlation;
    this.unawaited = unawaited;
    this.transactions = new TransactionTemplate(transactionManager);
    this.jdbc = jdbc;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 1; i <= dispatchers; i++) {
      threads.add(Thread.ofPlatform().name("cairn-events-" + i).daemon().start(this::run));
    }
  }

  public synchronized void stop() {
    running = false;
    wakeUp.release(dispatchers);
    try {
      for (Thread thread : threads) {
        thread.join(Duration.ofSeconds(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads.clear();
  }

  @TransactionalEventListener
  void on(EventRecorded recorded) {
    if (wakeUp.availablePermits() < dispatchers) {
      wakeUp.release();
    }
  }

  private void run() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try {
        if (!dispatchNext()) {
          wakeUp.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
        backoff = Duration.ofMillis(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (PessimisticLockingFailureException e) {
        // A contact of this batch was locked in the opposite order by another transaction: try
        // again.
        log.debug("Event batch gave way to a concurrent transaction; retrying", e);
      } catch (RuntimeException e) {
        log.warn(
            "Events wait: journeys are not reachable right now ({}); retrying in {}",
            e.getMessage(),
            backoff);
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Handles a batch of pending events (each contact's oldest) in one transaction; false when none
   * is pending. An outage (engine or database unreachable) propagates and leaves them pending. An
   * event that fails for another reason is set aside; the rest of its batch is handled again, which
   * the journeys' side tolerates as it does a redelivery after a crash (entries are admitted once,
   * messages are published under the event's id).
   */
  boolean dispatchNext() {
    int settled = settleUnawaited();
    try {
      Integer handled = transactions.execute(status -> handleBatch());
      return settled > 0 || (handled != null && handled > 0);
    } catch (PoisonEvent e) {
      setAside(e.eventId, e.getCause());
      return true;
    }
  }

  /**
   * Settles the pending events at the front of the queue that no journey can take, one dispatcher
   * of this replica at a time (the others claim meanwhile); returns how many.
   */
  private int settleUnawaited() {
    if (!settling.compareAndSet(false, true)) {
      return 0;
    }
    try {
      Integer settled =
          transactions.execute(
              status -> {
                jdbc.sql("set local synchronous_commit = off").update();
                return unawaited.settle(SETTLE_WINDOW);
              });
      return settled == null ? 0 : settled;
    } finally {
      settling.set(false);
    }
  }

  private void setAside(long eventId, Throwable cause) {
    log.error("Event {} cannot be handled and is set aside", eventId, cause);
    transactions.executeWithoutResult(
        status ->
            jdbc.sql(
                    "update contact_event set processed_at = now(), processing_error = :reason where id = :id")
                .param("reason", cause.toString())
                .param("id", eventId)
                .update());
  }

  private int handleBatch() {
    // Losing this commit in a database crash only means handling the batch again, as above:
    // it need not wait for the disk.
    jdbc.sql("set local synchronous_commit = off").update();
    List<StoredEvent> events = feed.claimPending(batchSize, claimWindow);
    for (StoredEvent event : events) {
      try {
        entry.onEvent(event);
        correlation.onEvent(event);
      } catch (TransientDataAccessException | CannotCreateTransactionException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PoisonEvent(event.id(), e);
      }
    }
    feed.markProcessed(events.stream().map(StoredEvent::id).toList());
    return events.size();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An event whose handling failed for a reason other than an outage; retrying will not help. */
  private static final class PoisonEvent extends RuntimeException {
    private final long eventId;

    PoisonEvent(long eventId, RuntimeException cause) {
      super(cause);
      this.eventId = eventId;
    }
  }
}
