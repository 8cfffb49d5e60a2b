package dev.cairn.engine.journey.run.camunda8;

import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a refused command means for Cairn, over both of the client's transports (gRPC status codes,
 * REST problem details): the cluster is only busy or away, the thing asked about is gone, the
 * cluster refuses the command as such, or something Cairn cannot read.
 */
enum Answer {
  /**
   * Pushed back or unreachable: the cluster did not take the command, so sending it again cannot do
   * it twice.
   */
  BUSY,
  /** No such instance, job, incident or subscription (any more). */
  NOT_FOUND,
  /** Refused as such (an invalid diagram, a migration the cluster cannot do), with its reason. */
  REFUSED,
  OTHER;

  static Answer of(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ClientStatusException status) {
      return of(status.getStatusCode());
    }
    if (cause instanceof ClientHttpException http) {
      return ofHttp(http.code());
    }
    return OTHER;
  }

  static Answer of(Status.Code code) {
    return switch (code) {
      case RESOURCE_EXHAUSTED, UNAVAILABLE -> BUSY;
      case NOT_FOUND -> NOT_FOUND;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS -> REFUSED;
      default -> OTHER;
    };
  }

  static Answer ofHttp(int status) {
    return switch (status) {
      case 429, 502, 503, 504 -> BUSY;
      case 404 -> NOT_FOUND;
      case 400, 409 -> REFUSED;
      default -> OTHER;
    };
  }

  /** The cluster's reason, in its own words. */
  static String reason(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ClientStatusException status
        && status.getStatus().getDescription() != null) {
      return status.getStatus().getDescription();
    }
    if (cause instanceof ProblemException problem
        && problem.details() != null
        && problem.details().getDetail() != null) {
      return problem.details().getDetail();
    }
    return String.valueOf(cause.getMessage());
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
