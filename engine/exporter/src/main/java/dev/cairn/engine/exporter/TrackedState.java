package dev.cairn.engine.exporter;

import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;

/** The element states Cairn tracks, as stored in {@code element_instance.state}. */
enum TrackedState {
  ACTIVE,
  COMPLETED,
  TERMINATED;

  /** The state an element record leaves its element in, or null for records Cairn ignores. */
  static TrackedState of(ProcessInstanceIntent intent) {
    return switch (intent) {
      case ELEMENT_ACTIVATED -> ACTIVE;
      case ELEMENT_COMPLETED -> COMPLETED;
      case ELEMENT_TERMINATED -> TERMINATED;
      default -> null;
    };
  }
}
