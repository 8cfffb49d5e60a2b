package dev.cairn.engine.exporter;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;

/** One element instance's state change, as a row of {@code element_instance}. */
record ElementRow(
    long elementInstanceKey,
    int partitionId,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    int version,
    String elementId,
    String elementType,
    long flowScopeKey,
    TrackedState state,
    long timestamp) {

  /** The journey instance itself completed or was ended. */
  boolean endsInstance() {
    return elementInstanceKey == processInstanceKey && state != TrackedState.ACTIVE;
  }

  static ElementRow from(Record<?> record, ProcessInstanceRecordValue value, TrackedState state) {
    return new ElementRow(
        record.getKey(),
        record.getPartitionId(),
        value.getProcessInstanceKey(),
        value.getProcessDefinitionKey(),
        value.getBpmnProcessId(),
        value.getVersion(),
        value.getElementId(),
        value.getBpmnElementType().name(),
        value.getFlowScopeKey(),
        state,
        record.getTimestamp());
  }
}
