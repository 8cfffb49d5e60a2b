package dev.cairn.ui.api;

import dev.cairn.engine.contact.TraitProblem;
import java.util.List;

/** One thing wrong with a request body, naming the field (JSON pointer style) and the fix. */
record FieldError(String field, String message) {

  /** Trait values the event was stored without, as fields of the request. */
  static List<FieldError> fromTraits(List<TraitProblem> problems) {
    return problems.stream()
        .map(problem -> new FieldError("/traits/" + problem.trait(), problem.message()))
        .toList();
  }
}
