package dev.cairn.ui.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's last line: an unexpected failure is logged with its cause and answered as a problem
 * that says the event was not stored, so the sender knows to retry.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionAdvice.class)
class ApiExceptionAdvice {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionAdvice.class);

  @ExceptionHandler(NulCharacterCheck.NulCharacterFound.class)
  ResponseEntity<ProblemDetail> nulCharacter(NulCharacterCheck.NulCharacterFound found) {
    return ApiProblem.answer(ApiProblem.nulCharacter(found.error()));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
    log.error("Event API request failed", e);
    ProblemDetail problem =
        ApiProblem.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            "temporarily-unavailable",
            "Temporarily unavailable",
            "Cairn could not store this event right now; nothing was stored. Retry with the same messageId.");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
