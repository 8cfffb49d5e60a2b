package dev.cairn.engine.journey.run.camunda8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandsTest {

  private final List<Duration> pauses = new ArrayList<>();
  private final Commands commands =
      new Commands(
          Duration.ofSeconds(30),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
          pauses::add);

  @Test
  void a_command_the_cluster_pushes_back_is_sent_again_until_it_is_taken() {
    AtomicInteger attempts = new AtomicInteger();

    String answer =
        commands.execute(
            "deploy",
            () ->
                attempts.incrementAndGet() < 3
                    ? failing(Status.RESOURCE_EXHAUSTED)
                    : answering("done"));

    assertThat(answer).isEqualTo("done");
    assertThat(attempts).hasValue(3);
    assertThat(pauses).hasSize(2);
    assertThat(pauses.get(1)).isGreaterThan(pauses.get(0).minusMillis(1));
  }

  @Test
  void a_refusal_is_not_sent_again() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                commands.execute(
                    "deploy",
                    () -> {
                      attempts.incrementAndGet();
                      return failing(Status.INVALID_ARGUMENT);
                    }))
        .isInstanceOf(ClientStatusException.class);
    assertThat(attempts).hasValue(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void a_cluster_away_for_longer_than_the_patience_is_given_up_on() {
    Commands impatient = new Commands(Duration.ZERO, Clock.systemUTC(), pauses::add);

    assertThatThrownBy(() -> impatient.execute("start", () -> failing(Status.UNAVAILABLE)))
        .isInstanceOf(ClientStatusException.class);
    assertThat(pauses).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T> CamundaFuture<T> failing(Status status) {
    CamundaFuture<T> future = mock(CamundaFuture.class);
    when(future.join()).thenThrow(new ClientStatusException(status, null));
    return future;
  }

  @SuppressWarnings("unchecked")
  private static <T> CamundaFuture<T> answering(T answer) {
    CamundaFuture<T> future = mock(CamundaFuture.class);
    when(future.join()).thenReturn(answer);
    return future;
  }
}
