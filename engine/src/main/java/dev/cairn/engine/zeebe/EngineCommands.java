package dev.cairn.engine.zeebe;

import dev.cairn.engine.broker.ZeebeProperties;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends engine commands (deploy, create instance, publish message, complete or fail a job) and
 * retries them with backoff while the engine pushes back ({@code RESOURCE_EXHAUSTED}) or is
 * unreachable ({@code UNAVAILABLE}, e.g. while the broker restarts). Both mean the engine did not
 * take the command, so sending it again cannot do it twice. Backpressure is normal in a cluster:
 * a command dropped here would be work silently lost.
 */
@Component
public class EngineCommands {

  private static final Logger log = LoggerFactory.getLogger(EngineCommands.class);
  private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNAVAILABLE);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Duration patience;
  private final Clock clock;
  private final Sleeper sleeper;

  @Autowired
  EngineCommands(ZeebeProperties properties, Clock clock) {
    this(properties.commandPatience(), clock, Thread::sleep);
  }

  EngineCommands(Duration patience, Clock clock, Sleeper sleeper) {
    this.patience = patience;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Sends the command built by {@code command} (called anew for every attempt) and returns the
   * engine's answer. Throws the engine's last refusal once the patience is used up, and any other
   * refusal at once.
   */
  public <T> T execute(String what, Supplier<? extends CamundaFuture<T>> command) {
    Instant giveUpAt = clock.instant().plus(patience);
    Duration backoff = FIRST_BACKOFF;
    int attempt = 1;
    while (true) {
      try {
        return command.get().join();
      } catch (ClientStatusException e) {
        // The jitter is part of the wait: a pause that would end past the patience is not taken.
        Duration pause = backoff.plusMillis((long) (Math.random() * backoff.toMillis() / 2));
        if (!RETRYABLE.contains(e.getStatusCode()) || clock.instant().plus(pause).isAfter(giveUpAt)) {
          throw e;
        }
        if (attempt == 1 || attempt % 20 == 0) {
          log.info("Engine {} for '{}' (attempt {}); retrying", e.getStatusCode(), what, attempt);
        }
        pause(pause);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        attempt++;
      }
    }
  }

  /** {@code pause} includes jitter, which spreads out replicas that were pushed back at the same moment. */
  private void pause(Duration pause) {
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry an engine command", e);
    }
  }

  /** Waiting between attempts; tests replace it. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }
}
