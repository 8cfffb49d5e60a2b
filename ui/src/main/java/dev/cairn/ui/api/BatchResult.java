package dev.cairn.ui.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.engine.event.IngestResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one call of a batch, by its position: stored, a duplicate of an earlier call
 * (same messageId), or rejected with what to fix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BatchResult(
    int index,
    String status,
    @Nullable String contactId,
    @Nullable Long eventId,
    @Nullable List<FieldError> errors,
    @Nullable List<FieldError> warnings) {

  static BatchResult of(int index, IngestResult result, List<FieldError> callWarnings) {
    return switch (result) {
      case IngestResult.Accepted accepted -> {
        List<FieldError> warnings = new java.util.ArrayList<>(callWarnings);
        warnings.addAll(FieldError.fromTraits(accepted.warnings()));
        yield new BatchResult(
            index,
            "stored",
            accepted.contactId().toString(),
            accepted.eventId(),
            null,
            warnings.isEmpty() ? null : List.copyOf(warnings));
      }
      case IngestResult.Duplicate duplicate ->
          new BatchResult(index, "duplicate", null, null, null, null);
      case IngestResult.Rejected rejected ->
          rejected(index, FieldError.fromTraits(rejected.problems()));
    };
  }

  static BatchResult rejected(int index, List<FieldError> errors) {
    return new BatchResult(index, "rejected", null, null, List.copyOf(errors), null);
  }
}
