package dev.cairn.engine.exporter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Writes batches of tracking rows and the position they reach in one transaction, so the rows
 * and the high-water mark never disagree.
 */
final class TrackingStore implements AutoCloseable {

  /**
   * One statement for every state change, applied in record order. A replayed activation never
   * undoes a completion: only rows that end an element overwrite an existing row. Cairn marks the
   * rows of an instance it moved to a newer version {@code MOVED}; its end stays a move.
   */
  private static final String UPSERT_ELEMENT =
      """
      insert into element_instance (element_instance_key, partition_id, process_instance_key,
          process_definition_key, bpmn_process_id, version, element_id, element_type,
          flow_scope_key, state, activated_at, ended_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (element_instance_key) do update
        set state = excluded.state, ended_at = excluded.ended_at
        where excluded.state <> 'ACTIVE' and element_instance.state <> 'MOVED'
      """;

  private static final String UPSERT_VARIABLE =
      """
      insert into instance_variable (process_instance_key, name, value) values (?, ?, ?)
      on conflict (process_instance_key, name) do update set value = excluded.value
      """;

  private static final String INSERT_TIMER =
      """
      insert into instance_timer (element_instance_key, target_element_id, process_instance_key, due_at) values (?, ?, ?, ?)
      on conflict (element_instance_key, target_element_id) do nothing
      """;

  /** An instance that ended needs neither: they are kept for moving running instances only. */
  private static final String FORGET_VARIABLES = "delete from instance_variable where process_instance_key = ?";

  private static final String FORGET_TIMERS = "delete from instance_timer where process_instance_key = ?";

  /**
   * A migrated element keeps its state and times and takes its new version, definition and id.
   * Written after the batch's other rows, so an activation in the same batch exists by then.
   */
  private static final String MIGRATE_ELEMENT =
      "update element_instance set process_definition_key = ?, version = ?, element_id = ? where element_instance_key = ?";

  /** Raised, then resolved; a replayed "raised" never reopens a resolved incident. */
  private static final String UPSERT_INCIDENT =
      """
      insert into incident (incident_key, partition_id, process_instance_key, bpmn_process_id, element_id,
          element_instance_key, job_key, error_type, error_message, state, created_at, resolved_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (incident_key) do update
        set state = excluded.state, resolved_at = excluded.resolved_at
        where excluded.state = 'RESOLVED'
      """;

  private static final String UPSERT_POSITION =
      """
      insert into exporter_position (partition_id, position, updated_at) values (?, ?, now())
      on conflict (partition_id) do update set position = excluded.position, updated_at = now()
        where exporter_position.position < excluded.position
      """;

  private final ExporterSettings settings;
  private Connection connection;

  TrackingStore(ExporterSettings settings) {
    this.settings = settings;
  }

  /** The highest position already written for the partition, or -1. */
  long committedPosition(int partitionId) {
    try (PreparedStatement query =
        connection().prepareStatement("select position from exporter_position where partition_id = ?")) {
      query.setInt(1, partitionId);
      try (ResultSet rs = query.executeQuery()) {
        long position = rs.next() ? rs.getLong(1) : -1;
        connection.commit();
        return position;
      }
    } catch (SQLException e) {
      reset();
      // Unknown yet (database not up, schema not migrated): write everything, idempotently.
      return -1;
    }
  }

  void write(TrackingBatch batch) throws SQLException {
    Connection db = connection();
    try (PreparedStatement elements = db.prepareStatement(UPSERT_ELEMENT);
        PreparedStatement incidents = db.prepareStatement(UPSERT_INCIDENT);
        PreparedStatement migrations = db.prepareStatement(MIGRATE_ELEMENT);
        PreparedStatement variables = db.prepareStatement(UPSERT_VARIABLE);
        PreparedStatement timers = db.prepareStatement(INSERT_TIMER);
        PreparedStatement forgetVariables = db.prepareStatement(FORGET_VARIABLES);
        PreparedStatement forgetTimers = db.prepareStatement(FORGET_TIMERS);
        PreparedStatement position = db.prepareStatement(UPSERT_POSITION)) {
      for (ElementRow row : batch.rows()) {
        Timestamp at = new Timestamp(row.timestamp());
        elements.setLong(1, row.elementInstanceKey());
        elements.setInt(2, row.partitionId());
        elements.setLong(3, row.processInstanceKey());
        elements.setLong(4, row.processDefinitionKey());
        elements.setString(5, row.bpmnProcessId());
        elements.setInt(6, row.version());
        elements.setString(7, row.elementId());
        elements.setString(8, row.elementType());
        elements.setLong(9, row.flowScopeKey());
        elements.setString(10, row.state().name());
        elements.setTimestamp(11, at);
        elements.setTimestamp(12, row.state() == TrackedState.ACTIVE ? null : at);
        elements.addBatch();
      }
      if (!batch.rows().isEmpty()) {
        elements.executeBatch();
      }
      for (IncidentRow incident : batch.incidents()) {
        Timestamp at = new Timestamp(incident.timestamp());
        incidents.setLong(1, incident.incidentKey());
        incidents.setInt(2, incident.partitionId());
        incidents.setLong(3, incident.processInstanceKey());
        incidents.setString(4, incident.bpmnProcessId());
        incidents.setString(5, incident.elementId());
        incidents.setLong(6, incident.elementInstanceKey());
        incidents.setLong(7, incident.jobKey());
        incidents.setString(8, incident.errorType());
        incidents.setString(9, incident.errorMessage());
        incidents.setString(10, incident.resolved() ? "RESOLVED" : "OPEN");
        incidents.setTimestamp(11, at);
        incidents.setTimestamp(12, incident.resolved() ? at : null);
        incidents.addBatch();
      }
      if (!batch.incidents().isEmpty()) {
        incidents.executeBatch();
      }
      for (ElementRow migrated : batch.migrations()) {
        migrations.setLong(1, migrated.processDefinitionKey());
        migrations.setInt(2, migrated.version());
        migrations.setString(3, migrated.elementId());
        migrations.setLong(4, migrated.elementInstanceKey());
        migrations.addBatch();
      }
      if (!batch.migrations().isEmpty()) {
        migrations.executeBatch();
      }
      writeInstanceState(batch, variables, timers, forgetVariables, forgetTimers);
      position.setInt(1, batch.partitionId());
      position.setLong(2, batch.lastPosition());
      position.executeUpdate();
      db.commit();
    } catch (SQLException e) {
      rollbackQuietly(db);
      throw e;
    }
  }

  /**
   * Variables and timers of running instances; those of instances that ended in this batch go,
   * after the batch's own writes for them.
   */
  private static void writeInstanceState(
      TrackingBatch batch,
      PreparedStatement variables,
      PreparedStatement timers,
      PreparedStatement forgetVariables,
      PreparedStatement forgetTimers)
      throws SQLException {
    for (VariableRow variable : batch.variables()) {
      variables.setLong(1, variable.processInstanceKey());
      variables.setString(2, variable.name());
      variables.setString(3, variable.value());
      variables.addBatch();
    }
    if (!batch.variables().isEmpty()) {
      variables.executeBatch();
    }
    for (TimerRow timer : batch.timers()) {
      timers.setLong(1, timer.elementInstanceKey());
      timers.setString(2, timer.targetElementId());
      timers.setLong(3, timer.processInstanceKey());
      timers.setTimestamp(4, new Timestamp(timer.dueAt()));
      timers.addBatch();
    }
    if (!batch.timers().isEmpty()) {
      timers.executeBatch();
    }
    boolean ended = false;
    for (ElementRow row : batch.rows()) {
      if (row.endsInstance()) {
        forgetVariables.setLong(1, row.processInstanceKey());
        forgetVariables.addBatch();
        forgetTimers.setLong(1, row.processInstanceKey());
        forgetTimers.addBatch();
        ended = true;
      }
    }
    if (ended) {
      forgetVariables.executeBatch();
      forgetTimers.executeBatch();
    }
  }

  /** Drops the connection after a failure; the next write opens a fresh one. */
  void reset() {
    close();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing a broken connection: nothing more to do
      }
      connection = null;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      // The broker loads this jar in its own class loader, where DriverManager cannot see the driver.
      Properties credentials = new Properties();
      credentials.setProperty("user", settings.user);
      credentials.setProperty("password", settings.password);
      connection = new Driver().connect(settings.url, credentials);
      connection.setAutoCommit(false);
    }
    return connection;
  }

  private static void rollbackQuietly(Connection db) {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the connection is reset next anyway
    }
  }
}
