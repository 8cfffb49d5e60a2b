package dev.cairn.engine.journey.run.camunda8;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.ProblemDetail;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AnswerTest {

  @Test
  void a_correlation_no_wait_takes_is_not_found_over_rest() {
    ProblemException noSubscription =
        new ProblemException(
            404,
            "Not Found",
            new ProblemDetail()
                .setStatus(404)
                .setDetail(
                    "Expected to find subscription for message with name 'Order Completed'"));

    assertThat(Answer.of(noSubscription)).isEqualTo(Answer.NOT_FOUND);
    assertThat(Answer.reason(noSubscription)).contains("Order Completed");
  }

  @Test
  void an_ended_instance_is_not_found_over_grpc_even_when_wrapped_by_the_future() {
    CompletionException wrapped =
        new CompletionException(
            new ClientStatusException(Status.NOT_FOUND.withDescription("no instance 42"), null));

    assertThat(Answer.of(wrapped)).isEqualTo(Answer.NOT_FOUND);
    assertThat(Answer.reason(wrapped)).isEqualTo("no instance 42");
  }

  @Test
  void backpressure_and_an_unreachable_cluster_are_only_busy() {
    assertThat(Answer.of(new ClientStatusException(Status.RESOURCE_EXHAUSTED, null)))
        .isEqualTo(Answer.BUSY);
    assertThat(Answer.of(new ClientStatusException(Status.UNAVAILABLE, null)))
        .isEqualTo(Answer.BUSY);
    assertThat(Answer.of(new ProblemException(503, "Service Unavailable", new ProblemDetail())))
        .isEqualTo(Answer.BUSY);
    assertThat(Answer.of(new ProblemException(429, "Too Many Requests", new ProblemDetail())))
        .isEqualTo(Answer.BUSY);
  }

  @Test
  void an_invalid_diagram_or_a_migration_the_cluster_cannot_do_is_refused() {
    assertThat(Answer.of(new ClientStatusException(Status.INVALID_ARGUMENT, null)))
        .isEqualTo(Answer.REFUSED);
    assertThat(Answer.of(new ClientStatusException(Status.FAILED_PRECONDITION, null)))
        .isEqualTo(Answer.REFUSED);
    assertThat(Answer.of(new ProblemException(400, "Bad Request", new ProblemDetail())))
        .isEqualTo(Answer.REFUSED);
  }

  @Test
  void anything_else_is_not_mistaken_for_an_expected_answer() {
    assertThat(Answer.of(new ClientStatusException(Status.PERMISSION_DENIED, null)))
        .isEqualTo(Answer.OTHER);
    assertThat(Answer.of(new ProblemException(401, "Unauthorized", new ProblemDetail())))
        .isEqualTo(Answer.OTHER);
    assertThat(Answer.of(new IllegalStateException("bug"))).isEqualTo(Answer.OTHER);
  }
}
