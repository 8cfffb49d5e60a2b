package dev.cairn.engine.zeebe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineCommandsTest {

  private final MovableClock clock = new MovableClock();
  private final List<Duration> waits = new ArrayList<>();
  private final EngineCommands commands =
      new EngineCommands(Duration.ofSeconds(30), clock, duration -> { waits.add(duration); clock.advance(duration); });

  @Test
  void a_command_the_engine_pushes_back_is_sent_again_until_it_is_taken() {
    AtomicInteger attempts = new AtomicInteger();

    String answer =
        commands.execute(
            "publish",
            () -> attempts.incrementAndGet() <= 3 ? refused(Status.RESOURCE_EXHAUSTED) : answered("taken"));

    assertThat(answer).isEqualTo("taken");
    assertThat(attempts).hasValue(4);
    assertThat(waits).hasSize(3);
    assertThat(waits.get(2)).isGreaterThan(waits.get(0)); // backs off
  }

  @Test
  void a_command_is_retried_while_the_broker_is_unreachable() {
    AtomicInteger attempts = new AtomicInteger();

    Long answer = commands.execute("create", () -> attempts.incrementAndGet() < 10 ? refused(Status.UNAVAILABLE) : answered(42L));

    assertThat(answer).isEqualTo(42L);
    assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMillis(7500)));
  }

  @Test
  void a_command_the_engine_rejects_for_another_reason_fails_at_once() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> commands.execute("create", () -> { attempts.incrementAndGet(); return refused(Status.NOT_FOUND); }))
        .isInstanceOf(ClientStatusException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void retrying_stops_when_the_patience_is_used_up_and_the_refusal_is_passed_on() {
    assertThatThrownBy(() -> commands.execute("deploy", () -> refused(Status.UNAVAILABLE)))
        .isInstanceOfSatisfying(ClientStatusException.class, e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(clock.instant()).isBefore(MovableClock.START.plusSeconds(31));
  }

  private static <T> CamundaFuture<T> refused(Status status) {
    Answer<T> future = new Answer<>();
    future.completeExceptionally(new ClientStatusException(status, null));
    return future;
  }

  private static <T> CamundaFuture<T> answered(T value) {
    Answer<T> future = new Answer<>();
    future.complete(value);
    return future;
  }

  /** An engine answer as the client returns it; join() throws the client's exception as is. */
  private static final class Answer<T> extends CompletableFuture<T> implements CamundaFuture<T> {
    @Override
    public T join() {
      try {
        return super.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw (RuntimeException) e.getCause();
      }
    }

    @Override
    public T join(long timeout, TimeUnit unit) {
      return join();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning, Throwable cause) {
      return cancel(mayInterruptIfRunning);
    }
  }

  private static final class MovableClock extends Clock {
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private Instant now = START;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
