package dev.cairn.engine.exporter;

import io.camunda.zeebe.protocol.record.value.VariableRecordValue;

/** A variable of a journey instance's own scope, as a row of {@code instance_variable}. */
record VariableRow(long processInstanceKey, String name, String value) {

  /** Only variables of the instance itself are kept: those of a single step end with the step. */
  static boolean ofInstance(VariableRecordValue value) {
    return value.getScopeKey() == value.getProcessInstanceKey();
  }

  static VariableRow from(VariableRecordValue value) {
    return new VariableRow(value.getProcessInstanceKey(), value.getName(), value.getValue());
  }
}
