package dev.cairn.ui.api;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The RFC 9457 problems the event API answers with. */
final class ApiProblem {

  private static final String BASE = "https://cairn.dev/problems/";

  private ApiProblem() {}

  static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + slug));
    problem.setTitle(title);
    return problem;
  }

  /** The problem as the answer: its status, as application/problem+json. */
  static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** A request holding a NUL character, which PostgreSQL cannot store. */
  static ProblemDetail nulCharacter(FieldError error) {
    ProblemDetail problem =
        of(
            HttpStatus.BAD_REQUEST,
            "nul-character",
            "NUL character",
            "Nothing was stored: "
                + error.field()
                + " "
                + error.message()
                + ", then send the request again.");
    problem.setProperty("errors", List.of(error));
    return problem;
  }

  static ProblemDetail invalid(List<FieldError> errors) {
    ProblemDetail problem =
        of(
            HttpStatus.BAD_REQUEST,
            "invalid-event",
            "Invalid event",
            "The event was not stored: " + errors.size() + " field(s) need fixing, see errors.");
    problem.setProperty("errors", errors);
    return problem;
  }
}
