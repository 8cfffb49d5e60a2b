package dev.cairn.engine.exporter;

import io.camunda.zeebe.protocol.record.value.TimerRecordValue;

/** When a timer of a journey instance is due, as a row of {@code instance_timer}. */
record TimerRow(long elementInstanceKey, String targetElementId, long processInstanceKey, long dueAt) {

  /** Timers that start journeys belong to no instance. */
  static boolean ofInstance(TimerRecordValue value) {
    return value.getProcessInstanceKey() > 0 && value.getElementInstanceKey() > 0;
  }

  static TimerRow from(TimerRecordValue value) {
    return new TimerRow(value.getElementInstanceKey(), value.getTargetElementId(), value.getProcessInstanceKey(), value.getDueDate());
  }
}
