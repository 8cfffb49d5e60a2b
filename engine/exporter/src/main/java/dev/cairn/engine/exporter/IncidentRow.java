package dev.cairn.engine.exporter;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;

/**
 * A journey step that stopped and needs a person: raised when a step failed its last retry or a
 * path could not be chosen, resolved when someone retries it.
 */
record IncidentRow(
    long incidentKey,
    int partitionId,
    long processInstanceKey,
    String bpmnProcessId,
    String elementId,
    long elementInstanceKey,
    long jobKey,
    String errorType,
    String errorMessage,
    boolean resolved,
    long timestamp) {

  static IncidentRow from(Record<?> record, IncidentRecordValue value, boolean resolved) {
    return new IncidentRow(
        record.getKey(),
        record.getPartitionId(),
        value.getProcessInstanceKey(),
        value.getBpmnProcessId(),
        value.getElementId(),
        value.getElementInstanceKey(),
        value.getJobKey(),
        value.getErrorType().name(),
        value.getErrorMessage() == null ? "" : value.getErrorMessage(),
        resolved,
        record.getTimestamp());
  }
}
