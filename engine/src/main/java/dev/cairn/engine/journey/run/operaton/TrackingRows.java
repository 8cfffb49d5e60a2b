package dev.cairn.engine.journey.run.operaton;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tracking rows of one transaction, written just before it commits: the engine's state change and
 * the rows saying where each contact is commit together, or neither does. Rows of one element
 * arrive in order (entered, then left); a later row of an element only ever ends it.
 */
final class TrackingRows {

  private static final String UPSERT_ELEMENT =
      """
      insert into element_instance (element_instance_key, partition_id, process_instance_key,
          process_definition_key, bpmn_process_id, version, element_id, element_type,
          flow_scope_key, state, activated_at, ended_at)
      values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (element_instance_key) do update
        set state = excluded.state, ended_at = excluded.ended_at
        where excluded.state <> 'ACTIVE'
      """;

  private static final String INSERT_INCIDENT =
      """
      insert into incident (incident_key, partition_id, process_instance_key, bpmn_process_id, element_id,
          element_instance_key, job_key, error_type, error_message, state, created_at)
      values (?, 1, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
      on conflict (incident_key) do nothing
      """;

  private static final String RESOLVE_INCIDENTS =
      "update incident set state = 'RESOLVED', resolved_at = ? where job_key = ? and state = 'OPEN'";

  /** One element (or the journey instance itself) entered or left. */
  record Element(
      long elementInstanceKey,
      long processInstanceKey,
      long definitionKey,
      String processId,
      int version,
      String elementId,
      String elementType,
      long flowScopeKey,
      String state,
      Timestamp at) {}

  record Incident(
      long incidentKey,
      long processInstanceKey,
      String processId,
      String elementId,
      long elementInstanceKey,
      long stepKey,
      String message,
      Timestamp at) {}

  private record Resolved(long stepKey, Timestamp at) {}

  private static final Object RESOURCE = new Object();

  private final List<Element> elements = new ArrayList<>();
  private final List<Incident> incidents = new ArrayList<>();
  private final List<Resolved> resolved = new ArrayList<>();
  private boolean stepsCreated;

  /** The rows of the transaction under way, which writes them before it commits. */
  static TrackingRows current(JdbcTemplate jdbc, Runnable onStepsCreated) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException(
          "journey tracking needs the engine to run in a Spring transaction");
    }
    TrackingRows rows = (TrackingRows) TransactionSynchronizationManager.getResource(RESOURCE);
    if (rows == null) {
      TrackingRows created = new TrackingRows();
      TransactionSynchronizationManager.bindResource(RESOURCE, created);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              created.write(jdbc);
            }

            @Override
            public void afterCommit() {
              if (created.stepsCreated) {
                onStepsCreated.run();
              }
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            }
          });
      rows = created;
    }
    return rows;
  }

  void add(Element element) {
    elements.add(element);
    stepsCreated |=
        "SERVICE_TASK".equals(element.elementType()) && "ACTIVE".equals(element.state());
  }

  void add(Incident incident) {
    incidents.add(incident);
  }

  void resolve(long stepKey, Timestamp at) {
    resolved.add(new Resolved(stepKey, at));
  }

  private void write(JdbcTemplate jdbc) {
    if (!elements.isEmpty()) {
      jdbc.batchUpdate(
          UPSERT_ELEMENT,
          elements,
          elements.size(),
          (statement, row) -> {
            statement.setLong(1, row.elementInstanceKey());
            statement.setLong(2, row.processInstanceKey());
            statement.setLong(3, row.definitionKey());
            statement.setString(4, row.processId());
            statement.setInt(5, row.version());
            statement.setString(6, row.elementId());
            statement.setString(7, row.elementType());
            statement.setLong(8, row.flowScopeKey());
            statement.setString(9, row.state());
            statement.setTimestamp(10, row.at());
            statement.setTimestamp(11, "ACTIVE".equals(row.state()) ? null : row.at());
          });
    }
    for (Incident incident : incidents) {
      jdbc.update(
          INSERT_INCIDENT,
          incident.incidentKey(),
          incident.processInstanceKey(),
          incident.processId(),
          incident.elementId(),
          incident.elementInstanceKey(),
          incident.stepKey(),
          "STEP_NO_RETRIES",
          incident.message(),
          incident.at());
    }
    for (Resolved done : resolved) {
      jdbc.update(RESOLVE_INCIDENTS, done.at(), done.stepKey());
    }
    elements.clear();
    incidents.clear();
    resolved.clear();
  }
}
