package dev.cairn.engine.journey.run.camunda8;

import io.camunda.client.api.CamundaFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands to the cluster and sends them again, with backoff, while it pushes back or is
 * unreachable ({@link Answer#BUSY}): it did not take the command then, so sending it again cannot
 * do it twice. Backpressure is normal in a cluster; a command dropped here would be work lost.
 */
final class Commands {

  private static final Logger log = LoggerFactory.getLogger(Commands.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Duration patience;
  private final Clock clock;
  private final Sleeper sleeper;

  Commands(Duration patience, Clock clock, Sleeper sleeper) {
    this.patience = patience;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * The cluster's answer to the command {@code command} builds (anew for every attempt). Throws the
   * last refusal once the patience is used up, and any other refusal at once.
   */
  <T> T execute(String what, Supplier<? extends CamundaFuture<T>> command) {
    Instant giveUpAt = clock.instant().plus(patience);
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return command.get().join();
      } catch (RuntimeException e) {
        // The jitter is part of the pause: a pause that would end past the patience is not taken.
        Duration pause = backoff.plusMillis((long) (Math.random() * backoff.toMillis() / 2));
        if (Answer.of(e) != Answer.BUSY || clock.instant().plus(pause).isAfter(giveUpAt)) {
          throw e;
        }
        if (attempt == 1 || attempt % 20 == 0) {
          log.info(
              "Camunda cluster busy or away for '{}' (attempt {}): {}; retrying",
              what,
              attempt,
              Answer.reason(e));
        }
        pause(pause);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  private void pause(Duration pause) {
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting to send a command to the Camunda cluster again", e);
    }
  }

  /** Waiting between attempts; tests replace it. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }
}
