package dev.cairn.engine.exporter;

import java.util.ArrayList;
import java.util.List;

/** Rows waiting to be written, and the highest record position they cover. */
final class TrackingBatch {

  private final int capacity;
  private final List<ElementRow> rows = new ArrayList<>();
  private final List<IncidentRow> incidents = new ArrayList<>();
  private final List<ElementRow> migrations = new ArrayList<>();
  private final List<VariableRow> variables = new ArrayList<>();
  private final List<TimerRow> timers = new ArrayList<>();
  private int partitionId;
  private long lastPosition = -1;

  TrackingBatch(int capacity) {
    this.capacity = capacity;
  }

  void add(ElementRow row) {
    rows.add(row);
  }

  void add(IncidentRow incident) {
    incidents.add(incident);
  }

  void add(VariableRow variable) {
    variables.add(variable);
  }

  void add(TimerRow timer) {
    timers.add(timer);
  }

  /** An element that now runs in another version of its journey (process instance migration). */
  void addMigration(ElementRow migrated) {
    migrations.add(migrated);
  }

  /** Records Cairn does not track still move the position, so the broker can free their log. */
  void advanceTo(int partitionId, long position) {
    this.partitionId = partitionId;
    this.lastPosition = Math.max(lastPosition, position);
  }

  boolean isFull() {
    return rows.size() + incidents.size() + migrations.size() + variables.size() + timers.size() >= capacity;
  }

  /** Nothing to write and no position to acknowledge. */
  boolean isEmpty() {
    return rows.isEmpty() && incidents.isEmpty() && migrations.isEmpty() && variables.isEmpty() && timers.isEmpty() && lastPosition < 0;
  }

  List<ElementRow> rows() {
    return rows;
  }

  List<IncidentRow> incidents() {
    return incidents;
  }

  List<ElementRow> migrations() {
    return migrations;
  }

  List<VariableRow> variables() {
    return variables;
  }

  List<TimerRow> timers() {
    return timers;
  }

  int partitionId() {
    return partitionId;
  }

  long lastPosition() {
    return lastPosition;
  }

  void clear() {
    rows.clear();
    incidents.clear();
    migrations.clear();
    variables.clear();
    timers.clear();
    lastPosition = -1;
  }
}
