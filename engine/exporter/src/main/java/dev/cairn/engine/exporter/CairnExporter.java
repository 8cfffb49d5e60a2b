package dev.cairn.engine.exporter;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.exporter.api.context.ScheduledTask;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Loaded by the Zeebe broker: turns the engine's process-instance records into Cairn's tracking
 * rows ({@code element_instance}) in PostgreSQL, in batches. It also keeps, for running journey
 * instances only, their variables and when their timers are due: what moving a waiting contact
 * to a newer version of its journey starts the contact again with.
 *
 * <p>Delivery is at least once: the broker replays records after a restart from the last position
 * this exporter acknowledged. Every write is idempotent, and positions already committed to
 * {@code exporter_position} are skipped, so a replay changes nothing.
 */
public final class CairnExporter implements Exporter {

  private ExporterSettings settings = new ExporterSettings();
  private Logger log;
  private Controller controller;
  private TrackingBatch batch;
  private TrackingStore store;
  private ScheduledTask flushTask;
  private long committedPosition = -1;
  private boolean committedPositionKnown;

  @Override
  public void configure(Context context) {
    log = context.getLogger();
    settings = context.getConfiguration().instantiate(ExporterSettings.class);
    settings.validate();
    context.setFilter(
        new Context.RecordFilter() {
          @Override
          public boolean acceptType(RecordType recordType) {
            return recordType == RecordType.EVENT;
          }

          @Override
          public boolean acceptValue(ValueType valueType) {
            return valueType == ValueType.PROCESS_INSTANCE
                || valueType == ValueType.INCIDENT
                || valueType == ValueType.VARIABLE
                || valueType == ValueType.TIMER;
          }
        });
  }

  @Override
  public void open(Controller controller) {
    this.controller = controller;
    this.batch = new TrackingBatch(settings.batchSize);
    this.store = new TrackingStore(settings);
    scheduleFlush();
    log.info("Cairn exporter writes tracking rows to {}", settings.redactedUrl());
  }

  @Override
  public void close() {
    if (flushTask != null) {
      flushTask.cancel();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      // The broker replays what was not acknowledged, so nothing is lost by giving up here.
      log.warn("Cairn exporter could not flush on close: {}", e.getMessage());
    }
    if (store != null) {
      store.close();
    }
  }

  @Override
  public void export(Record<?> record) {
    if (record.getPosition() <= committedPosition(record.getPartitionId())) {
      return; // already in PostgreSQL: a replay after a restart
    }
    // The broker hands a record again when flushing it failed; the batch holds it already.
    if (record.getPosition() > batch.lastPosition()) {
      if (record.getIntent() instanceof ProcessInstanceIntent intent
          && TrackedState.of(intent) != null
          && record.getValue() instanceof ProcessInstanceRecordValue value) {
        batch.add(ElementRow.from(record, value, TrackedState.of(intent)));
      } else if (record.getIntent() == ProcessInstanceIntent.ELEMENT_MIGRATED
          && record.getValue() instanceof ProcessInstanceRecordValue value) {
        batch.addMigration(ElementRow.from(record, value, TrackedState.ACTIVE));
      } else if (record.getIntent() instanceof IncidentIntent intent
          && (intent == IncidentIntent.CREATED || intent == IncidentIntent.RESOLVED)
          && record.getValue() instanceof IncidentRecordValue value) {
        batch.add(IncidentRow.from(record, value, intent == IncidentIntent.RESOLVED));
      } else if ((record.getIntent() == VariableIntent.CREATED || record.getIntent() == VariableIntent.UPDATED)
          && record.getValue() instanceof VariableRecordValue value
          && VariableRow.ofInstance(value)) {
        batch.add(VariableRow.from(value));
      } else if (record.getIntent() == TimerIntent.CREATED
          && record.getValue() instanceof TimerRecordValue value
          && TimerRow.ofInstance(value)) {
        batch.add(TimerRow.from(value));
      }
      batch.advanceTo(record.getPartitionId(), record.getPosition());
    }
    if (batch.isFull()) {
      // Throwing makes the broker hand this record again later; the batch keeps it meanwhile.
      flush();
    }
  }

  /** Read once per start: afterwards this exporter is the only writer of its partition's mark. */
  private long committedPosition(int partitionId) {
    if (!committedPositionKnown) {
      committedPosition = store.committedPosition(partitionId);
      committedPositionKnown = true;
    }
    return committedPosition;
  }

  private void scheduleFlush() {
    flushTask =
        controller.scheduleCancellableTask(
            Duration.ofMillis(settings.flushIntervalMillis),
            () -> {
              try {
                flush();
              } catch (RuntimeException e) {
                log.warn("Cairn exporter will retry writing tracking rows: {}", e.getMessage());
              }
              scheduleFlush();
            });
  }

  private void flush() {
    if (batch == null || batch.isEmpty()) {
      return;
    }
    try {
      store.write(batch);
    } catch (SQLException e) {
      store.reset();
      throw new IllegalStateException("cannot write tracking rows: " + e.getMessage(), e);
    }
    committedPosition = batch.lastPosition();
    controller.updateLastExportedRecordPosition(batch.lastPosition());
    batch.clear();
  }
}
