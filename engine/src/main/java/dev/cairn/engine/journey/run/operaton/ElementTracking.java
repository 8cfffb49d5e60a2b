package dev.cairn.engine.journey.run.operaton;

import java.sql.Timestamp;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where every contact is: a listener on every node of every journey (and on the journey instance
 * itself) records each node entered and left as a row of {@code element_instance}, in the same
 * transaction as the engine's own change. "Where is contact X", the counts per node and the
 * diagram's badges read those rows, so they are never behind or ahead of the engine.
 */
final class ElementTracking implements BpmnParseListener {

  private final JdbcTemplate jdbc;
  private final Runnable onStepsCreated;

  ElementTracking(JdbcTemplate jdbc, Runnable onStepsCreated) {
    this.jdbc = jdbc;
    this.onStepsCreated = onStepsCreated;
  }

  TrackingRows rows() {
    return TrackingRows.current(jdbc, onStepsCreated);
  }

  @Override
  public void parseProcess(Element element, ProcessDefinitionEntity definition) {
    ExecutionListener listener = new Listener("PROCESS", true);
    definition.addListener(ExecutionListener.EVENTNAME_START, listener);
    definition.addListener(ExecutionListener.EVENTNAME_END, listener);
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "START_EVENT");
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "END_EVENT");
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "SERVICE_TASK");
  }

  @Override
  public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "SEND_TASK");
  }

  @Override
  public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "RECEIVE_TASK");
  }

  @Override
  public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "TASK");
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "USER_TASK");
  }

  @Override
  public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "EXCLUSIVE_GATEWAY");
  }

  @Override
  public void parseParallelGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "PARALLEL_GATEWAY");
  }

  @Override
  public void parseInclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "INCLUSIVE_GATEWAY");
  }

  @Override
  public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "EVENT_BASED_GATEWAY");
  }

  @Override
  public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "INTERMEDIATE_CATCH_EVENT");
  }

  @Override
  public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "INTERMEDIATE_THROW_EVENT");
  }

  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "BOUNDARY_EVENT");
  }

  @Override
  public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(
        activity,
        "true".equals(element.attribute("triggeredByEvent")) ? "EVENT_SUB_PROCESS" : "SUB_PROCESS");
  }

  @Override
  public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
    track(activity, "CALL_ACTIVITY");
  }

  private void track(ActivityImpl activity, String type) {
    ExecutionListener listener = new Listener(type, false);
    activity.addListener(ExecutionListener.EVENTNAME_START, listener);
    activity.addListener(ExecutionListener.EVENTNAME_END, listener);
  }

  /**
   * Writes one row per node entered or left; {@code instance} marks the journey instance itself.
   */
  private final class Listener implements ExecutionListener {
    private final String type;
    private final boolean instance;

    Listener(String type, boolean instance) {
      this.type = type;
      this.instance = instance;
    }

    @Override
    public void notify(DelegateExecution execution) {
      ExecutionEntity entity = (ExecutionEntity) execution;
      ProcessDefinitionEntity definition = entity.getProcessDefinition();
      long processInstanceKey = Keys.of(execution.getProcessInstanceId());
      boolean entered = ExecutionListener.EVENTNAME_START.equals(execution.getEventName());
      String state =
          entered ? "ACTIVE" : ended(entity) && !passedOn(entity) ? "TERMINATED" : "COMPLETED";
      long elementKey = instance ? processInstanceKey : Keys.of(execution.getActivityInstanceId());
      String parent = execution.getParentActivityInstanceId();
      rows()
          .add(
              new TrackingRows.Element(
                  elementKey,
                  processInstanceKey,
                  Keys.of(definition.getId()),
                  definition.getKey(),
                  definition.getVersion(),
                  instance ? definition.getKey() : execution.getCurrentActivityId(),
                  type,
                  instance || parent == null ? -1 : Keys.of(parent),
                  state,
                  new Timestamp(ClockUtil.getCurrentTime().getTime())));
    }

    /**
     * A wait for an event is left, cancelled by the engine, when one of its events fires: the
     * contact went on, unless their whole journey is ending.
     */
    private boolean passedOn(ExecutionEntity execution) {
      ExecutionEntity journey = execution.getProcessInstance();
      return "EVENT_BASED_GATEWAY".equals(type)
          && !journey.isCanceled()
          && journey.getDeleteReason() == null;
    }

    /** Left without finishing: cancelled, or passed over when another path of a wait was taken. */
    private static boolean ended(ExecutionEntity execution) {
      return execution.isCanceled() || execution.getDeleteReason() != null;
    }
  }
}
