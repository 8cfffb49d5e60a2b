package dev.cairn.engine.runtime;

import dev.cairn.engine.journey.ResumableWaits;
import dev.cairn.engine.zeebe.JourneyInstances;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves a contact who is at a wait (a timer, or a wait for an event) to a newer version of the
 * journey. The engine cannot move waits itself, so the contact's instance is stopped and a new
 * one starts on the new version at the same wait, knowing what the old one knew (its variables,
 * which the exporter keeps for running instances) and waiting until the same moment (the timers'
 * due times, which it keeps too; see {@link ResumableWaits}).
 *
 * <p>A move is written down before the old instance stops, so one cut short by a crash is
 * finished later ({@link #finishCutShort()}) rather than leaving the contact nowhere.
 *
 * <p>Tracking follows the move: the old instance's rows end as {@code MOVED} rather than as a
 * drop-out, {@code journey_move} links the two instances, and the enrollment and the messages
 * sent so far now belong to the new instance, so "opened an earlier email" still sees them.
 */
@Component
class WaitingMoves {

  private static final Logger log = LoggerFactory.getLogger(WaitingMoves.class);

  /** The wait a contact is at: its element instance, id and kind. */
  record Wait(long elementInstanceKey, String elementId, String elementType) {
    static boolean isWait(String elementType) {
      return elementType.equals("INTERMEDIATE_CATCH_EVENT") || elementType.equals("EVENT_BASED_GATEWAY");
    }
  }

  /** The version contacts move to. */
  record Target(String journeyId, int version, long processDefinitionKey, String xml) {}

  /** Where moving one contact left them (a contact at a step, moved by the engine, too). */
  sealed interface Result {
    /** On the new version, as this instance. */
    record Moved(long processInstanceKey) implements Result {}

    /** Still on its version, for this reason (in a marketer's words). */
    record Stayed(String reason) implements Result {}

    /** Stopped, but the new version refused to start it: out of the journey, with the reason recorded. */
    record Lost(String reason) implements Result {}
  }

  private final JdbcClient jdbc;
  private final JourneyInstances instances;
  private final TransactionTemplate transaction;
  private final JsonMapper json;
  private final Clock clock;
  private final Map<String, Optional<List<String>>> resumableTimers = new ConcurrentHashMap<>();

  WaitingMoves(JdbcClient jdbc, JourneyInstances instances, TransactionTemplate transaction, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.instances = instances;
    this.transaction = transaction;
    this.json = json;
    this.clock = clock;
  }

  /** Written down before the old instance stops; what the new one starts with. */
  private record Pending(long from, int fromVersion, Wait at, Target target, Map<String, Object> variables) {}

  /** The variable a moved instance carries: which instance it continues, so an unrecorded start is found again. */
  static final String MOVED_FROM = "cairnMovedFrom";
  /** How old a pending move must be before it counts as cut short (a move takes well under a second). */
  private static final Duration CUT_SHORT = Duration.ofMinutes(1);

  Result move(long processInstanceKey, int fromVersion, Wait wait, Target target, String waitName) {
    Optional<List<String>> resumable = resumableTimers(target, wait.elementId());
    if (resumable.isEmpty()) {
      return new Result.Stayed("version " + target.version() + " was published before Cairn could move contacts at \"" + waitName
          + "\" without starting the wait again; publish the journey once more to move them");
    }
    List<String> timers = resumable.get();
    Map<String, Object> variables = variables(processInstanceKey);
    Map<String, Instant> due = dueTimes(wait.elementInstanceKey());
    if (variables.isEmpty() || !due.keySet().containsAll(timers)) {
      return new Result.Stayed("Cairn has no record of where the wait at \"" + waitName
          + "\" stands for them (they reached it before Cairn kept one); they finish on the version they are on");
    }
    timers.forEach(timer -> variables.put(ResumableWaits.variable(timer), due.get(timer).toString()));
    variables.put(MOVED_FROM, processInstanceKey);
    Pending pending = new Pending(processInstanceKey, fromVersion, wait, target, variables);

    writeDown(pending);
    if (!instances.cancel(processInstanceKey, "moving to version " + target.version())) {
      jdbc.sql("delete from journey_move where from_instance_key = :from and state = 'pending'").param("from", processInstanceKey).update();
      return new Result.Stayed("they left \"" + waitName + "\" while the move was under way");
    }
    try {
      return start(pending);
    } catch (RuntimeException e) {
      return new Result.Stayed("the engine did not answer (" + e.getMessage() + ") after they left version " + fromVersion
          + "; Cairn starts them at \"" + waitName + "\" on version " + target.version() + " at its next start, or at a move a minute from now or later");
    }
  }

  /**
   * Finishes moves cut short (Cairn stopped between stopping the old instance and recording the
   * new one): the contact is started on the new version if no instance carries on for them yet.
   * Returns how many were finished.
   */
  int finishCutShort() {
    int finished = 0;
    for (long from : jdbc.sql("select from_instance_key from journey_move where state = 'pending' and moved_at < :before")
        .param("before", Timestamp.from(clock.instant().minus(CUT_SHORT)))
        .query(Long.class)
        .list()) {
      try {
        if (Boolean.TRUE.equals(transaction.execute(status -> finishCutShort(from)))) {
          finished++;
        }
      } catch (RuntimeException e) {
        log.warn("Could not finish moving journey instance {} yet, trying again later: {}", from, e.getMessage());
      }
    }
    return finished;
  }

  /** In a transaction holding the pending row, so two replicas never finish the same move. */
  private boolean finishCutShort(long from) {
    Optional<Pending> claimed = jdbc.sql(
            """
            select from_instance_key, from_version, to_version, to_definition_key, journey_id, element_id, wait_instance_key, variables
            from journey_move where from_instance_key = :from and state = 'pending' for update skip locked
            """)
        .param("from", from)
        .query((rs, row) -> new Pending(
            rs.getLong("from_instance_key"),
            rs.getInt("from_version"),
            new Wait(rs.getLong("wait_instance_key"), rs.getString("element_id"), ""),
            new Target(rs.getString("journey_id"), rs.getInt("to_version"), rs.getLong("to_definition_key"), ""),
            readVariables(rs.getString("variables"))))
        .optional();
    if (claimed.isEmpty()) {
      return false;
    }
    Pending pending = claimed.get();
    Optional<Long> started = jdbc.sql(
            "select process_instance_key from instance_variable where name = :name and value = :from and process_instance_key <> :fromKey")
        .param("name", MOVED_FROM)
        .param("from", Long.toString(from))
        .param("fromKey", from)
        .query(Long.class)
        .optional();
    if (started.isPresent()) {
      record(pending, started.get());
      log.info("Journey {}: finished moving instance {}, which carries on as {}", pending.target().journeyId(), from, started.get());
      return true;
    }
    String state = jdbc.sql("select state from element_instance where element_instance_key = :from").param("from", from).query(String.class)
        .optional().orElse("");
    if (state.equals("COMPLETED")) {
      jdbc.sql("delete from journey_move where from_instance_key = :from").param("from", from).update();
      return false; // it finished on its own before it was stopped: nothing to move
    }
    instances.cancel(from, "moving to version " + pending.target().version());
    log.info("Journey {}: finishing the move of instance {} to version {}", pending.target().journeyId(), from, pending.target().version());
    return start(pending) instanceof Result.Moved;
  }

  private Result start(Pending pending) {
    long moved;
    try {
      moved = instances.startAt(pending.target().processDefinitionKey(), pending.at().elementId(), pending.variables());
    } catch (ClientStatusException e) {
      if (!REFUSALS.contains(e.getStatusCode())) {
        throw e; // the engine is away: the move stays written down and is finished later
      }
      String reason = "the engine refused to start them on version " + pending.target().version() + ": " + e.getMessage();
      log.error("Journey {}: instance {} was stopped to move it, but {}", pending.target().journeyId(), pending.from(), reason);
      transaction.executeWithoutResult(status -> {
        jdbc.sql("update journey_move set state = 'lost', variables = null where from_instance_key = :from").param("from", pending.from()).update();
        jdbc.sql("update enrollment set exited_at = :now, exit_reason = :reason where process_instance_key = :instance")
            .param("now", Timestamp.from(clock.instant()))
            .param("reason", reason)
            .param("instance", pending.from())
            .update();
      });
      return new Result.Lost(reason);
    }
    transaction.executeWithoutResult(status -> record(pending, moved));
    return new Result.Moved(moved);
  }

  private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.FAILED_PRECONDITION, Status.Code.NOT_FOUND);

  private void writeDown(Pending pending) {
    jdbc.sql(
            """
            insert into journey_move (from_instance_key, journey_id, from_version, to_version, to_definition_key, element_id,
                wait_instance_key, state, variables, moved_at)
            values (:from, :journey, :fromVersion, :toVersion, :definition, :element, :wait, 'pending', :variables, :now)
            """)
        .param("from", pending.from())
        .param("journey", pending.target().journeyId())
        .param("fromVersion", pending.fromVersion())
        .param("toVersion", pending.target().version())
        .param("definition", pending.target().processDefinitionKey())
        .param("element", pending.at().elementId())
        .param("wait", pending.at().elementInstanceKey())
        .param("variables", json.writeValueAsString(pending.variables()))
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  private void record(Pending pending, long to) {
    long from = pending.from();
    // The exporter writes the engine's "terminated" for these later, or wrote it just now; MOVED wins either way.
    jdbc.sql("update element_instance set state = 'MOVED', ended_at = coalesce(ended_at, :now) where element_instance_key in (:from, :wait)")
        .param("now", Timestamp.from(clock.instant()))
        .param("from", from)
        .param("wait", pending.at().elementInstanceKey())
        .update();
    jdbc.sql("update journey_move set to_instance_key = :to where to_instance_key = :from").param("to", to).param("from", from).update();
    jdbc.sql("update journey_move set to_instance_key = :to, state = 'done', variables = null where from_instance_key = :from")
        .param("to", to)
        .param("from", from)
        .update();
    jdbc.sql("update enrollment set process_instance_key = :to, version = :version where process_instance_key = :from")
        .param("to", to)
        .param("version", pending.target().version())
        .param("from", from)
        .update();
    jdbc.sql("update message set process_instance_key = :to where process_instance_key = :from").param("to", to).param("from", from).update();
  }

  /**
   * The timers that end the wait in the target version, or empty when that version would start
   * them afresh rather than resume them. Read once per version and wait, as a deployed version
   * never changes, rather than once per contact moved.
   */
  private Optional<List<String>> resumableTimers(Target target, String waitId) {
    return resumableTimers.computeIfAbsent(target.processDefinitionKey() + "/" + waitId, key -> {
      List<String> timers = timersOf(target.xml(), waitId);
      return timers.stream().allMatch(timer -> ResumableWaits.resumable(target.xml(), timer)) ? Optional.of(timers) : Optional.empty();
    });
  }

  /** The timers that end the wait in this version: the wait itself, or a wait for an event's timeouts. */
  static List<String> timersOf(String xml, String waitId) {
    FlowNode wait =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getModelElementById(waitId);
    List<FlowNode> ends = wait instanceof EventBasedGateway ? wait.getOutgoing().stream().map(SequenceFlow::getTarget).toList() : List.of(wait);
    return ends.stream()
        .filter(end -> end instanceof IntermediateCatchEvent event && !event.getChildElementsByType(TimerEventDefinition.class).isEmpty())
        .map(FlowNode::getId)
        .toList();
  }

  private Map<String, Object> variables(long processInstanceKey) {
    Map<String, Object> variables = new LinkedHashMap<>();
    jdbc.sql("select name, value from instance_variable where process_instance_key = :instance order by name")
        .param("instance", processInstanceKey)
        .query((rs, row) -> Map.entry(rs.getString("name"), rs.getString("value")))
        .list()
        .forEach(variable -> variables.put(variable.getKey(), json.readValue(variable.getValue(), Object.class)));
    return variables;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readVariables(String stored) {
    return new LinkedHashMap<>(json.readValue(stored, Map.class));
  }

  private Map<String, Instant> dueTimes(long waitInstanceKey) {
    Map<String, Instant> due = new LinkedHashMap<>();
    jdbc.sql("select target_element_id, due_at from instance_timer where element_instance_key = :wait")
        .param("wait", waitInstanceKey)
        .query((rs, row) -> Map.entry(rs.getString("target_element_id"), rs.getTimestamp("due_at").toInstant()))
        .list()
        .forEach(timer -> due.put(timer.getKey(), timer.getValue()));
    return due;
  }
}
