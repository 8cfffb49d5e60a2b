package dev.cairn.engine.journey.run.camunda8;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where contacts are, as far as Cairn sees it in this mode: a journey instance it started, a step
 * its workers took and finished, a step that stopped, and the instance's end (told by the journey's
 * end listener, or by a cancel Cairn sent). The cluster's own position at a timer, a wait for an
 * event or a branch is not seen, so it has no row; see the README.
 *
 * <p>Rows of one element only ever move forward (an element that ended is never active again), so a
 * row written late, or twice by a step handed out again, changes nothing.
 */
final class Tracking {

  private static final String UPSERT_ELEMENT =
      """
      insert into element_instance (element_instance_key, partition_id, process_instance_key,
          process_definition_key, bpmn_process_id, version, element_id, element_type,
          flow_scope_key, state, activated_at, ended_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (element_instance_key) do update
        set state = excluded.state, ended_at = excluded.ended_at
        where excluded.state <> 'ACTIVE' and element_instance.state = 'ACTIVE'
      """;

  private static final String END_ACTIVE =
      "update element_instance set state = ?, ended_at = ? where process_instance_key = ? and state = 'ACTIVE' and element_instance_key <> ?";

  private static final String OPEN_INCIDENT =
      """
      insert into incident (incident_key, partition_id, process_instance_key, bpmn_process_id, element_id,
          element_instance_key, job_key, error_type, error_message, state, created_at)
      values (?, ?, ?, ?, ?, ?, ?, 'STEP_NO_RETRIES', ?, 'OPEN', ?)
      on conflict (incident_key) do update
        set state = 'OPEN', error_message = excluded.error_message, created_at = excluded.created_at, resolved_at = null
      """;

  private static final String RESOLVE_STEP =
      "update incident set state = 'RESOLVED', resolved_at = ? where job_key = ? and state = 'OPEN'";

  private static final String RESOLVE_INSTANCE =
      "update incident set state = 'RESOLVED', resolved_at = ? where process_instance_key = ? and state = 'OPEN'";

  /** A journey instance or one of its nodes, as the cluster keys them. */
  record Node(
      long elementInstanceKey,
      long processInstanceKey,
      long definitionKey,
      String processId,
      int version,
      String elementId,
      String elementType) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Tracking(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The node (or, with its own key as element, the instance) was entered. */
  void entered(Node node) {
    write(node, "ACTIVE");
  }

  /** The node was finished and left. */
  void completed(Node node) {
    write(node, "COMPLETED");
  }

  /** The journey instance ended on its own: whatever Cairn still saw it at was left with it. */
  void instanceCompleted(Node instance) {
    write(instance, "COMPLETED");
    jdbc.update(
        END_ACTIVE,
        "TERMINATED",
        now(),
        instance.processInstanceKey(),
        instance.processInstanceKey());
    jdbc.update(RESOLVE_INSTANCE, now(), instance.processInstanceKey());
  }

  /** Cairn cancelled the instance: it and everything it was at end. */
  void instanceCancelled(long processInstanceKey) {
    Timestamp now = now();
    jdbc.update(
        "update element_instance set state = 'TERMINATED', ended_at = ? where process_instance_key = ? and state = 'ACTIVE'",
        now,
        processInstanceKey);
    jdbc.update(RESOLVE_INSTANCE, now, processInstanceKey);
  }

  /**
   * The step used up its retries (or was refused for good) and stopped; it shows on the Incidents
   * page.
   */
  void stepStopped(Node step, long jobKey, String message) {
    jdbc.update(
        OPEN_INCIDENT,
        jobKey,
        partitionOf(jobKey),
        step.processInstanceKey(),
        step.processId(),
        step.elementId(),
        step.elementInstanceKey(),
        jobKey,
        message,
        now());
  }

  /** Someone retried the stopped step. */
  void stepRetried(long jobKey) {
    jdbc.update(RESOLVE_STEP, now(), jobKey);
  }

  /** Whether the step is stopped, as far as Cairn recorded. */
  boolean stopped(long jobKey) {
    Boolean open =
        jdbc.queryForObject(
            "select exists(select 1 from incident where job_key = ? and state = 'OPEN')",
            Boolean.class,
            jobKey);
    return Boolean.TRUE.equals(open);
  }

  /** The instance moved to another version: where it is now follows, where it was stays. */
  void moved(long processInstanceKey, long definitionKey, int version) {
    jdbc.update(
        """
        update element_instance set process_definition_key = ?, version = ?
        where process_instance_key = ? and (state = 'ACTIVE' or element_instance_key = process_instance_key)
        """,
        definitionKey,
        version,
        processInstanceKey);
  }

  private void write(Node node, String state) {
    Timestamp now = now();
    jdbc.update(
        UPSERT_ELEMENT,
        node.elementInstanceKey(),
        partitionOf(node.elementInstanceKey()),
        node.processInstanceKey(),
        node.definitionKey(),
        node.processId(),
        node.version(),
        node.elementId(),
        node.elementType(),
        node.elementInstanceKey() == node.processInstanceKey() ? -1L : node.processInstanceKey(),
        state,
        now,
        "ACTIVE".equals(state) ? null : now);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  /** The cluster's keys carry the partition that made them in their upper bits. */
  static int partitionOf(long key) {
    return (int) (key >> 51);
  }
}
