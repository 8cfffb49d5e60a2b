package dev.cairn.engine.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a piece of background work (entering a schedule's audience, refreshing segments) on one
 * replica at a time. The lock is a row of the {@code shedlock} table, timed by the database's clock
 * so replicas with skewed clocks agree; it is kept alive while the work runs, and a replica that
 * dies holding it gives it up after {@link #HELD_AT_MOST}.
 */
@Component
public class ReplicaLocks implements DisposableBean {

  /** How long a lock outlives a replica that stopped renewing it. */
  static final Duration HELD_AT_MOST = Duration.ofMinutes(1);

  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("cairn-replica-locks").daemon().factory());
  private final LockingTaskExecutor executor;

  ReplicaLocks(DataSource dataSource) {
    JdbcTemplateLockProvider database =
        new JdbcTemplateLockProvider(
            JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    this.executor = new DefaultLockingTaskExecutor(new KeepAliveLockProvider(database, keepAlive));
  }

  /**
   * Runs {@code work} if no other replica runs the work of this name; returns whether it ran here.
   * A run holds the lock at least {@code atLeast}, so replicas ticking at the same interval do not
   * each run it once in turn.
   */
  public boolean runAlone(String name, Duration atLeast, Runnable work) {
    LockConfiguration lock =
        new LockConfiguration(ClockProvider.now(), name, HELD_AT_MOST, atLeast);
    LockingTaskExecutor.TaskResult<Boolean> result =
        rethrowing(
            () ->
                executor.executeWithLock(
                    () -> {
                      work.run();
                      return true;
                    },
                    lock));
    return result.wasExecuted();
  }

  private static <T> T rethrowing(ThrowingSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface ThrowingSupplier<T> {
    T get() throws Throwable;
  }

  @Override
  public void destroy() {
    keepAlive.shutdownNow();
  }
}
