package dev.cairn.engine.journey.run.operaton;

import java.sql.Timestamp;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.operaton.bpm.engine.impl.incident.IncidentContext;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.runtime.Incident;

/**
 * A step that used up its retries (or a timer that cannot fire) stops and shows on the Incidents
 * page: the engine's incident is mirrored into Cairn's {@code incident} table in the same
 * transaction, and resolved there when someone retries the step or the contact leaves the journey.
 */
final class IncidentRecorder extends DefaultIncidentHandler {

  private final ElementTracking tracking;

  /** {@code type}: the engine's incidents of steps (external tasks) or of timers (jobs). */
  IncidentRecorder(String type, ElementTracking tracking) {
    super(type);
    this.tracking = tracking;
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    Incident incident = super.handleIncident(context, message);
    ExecutionEntity execution =
        Context.getCommandContext()
            .getExecutionManager()
            .findExecutionById(context.getExecutionId());
    if (execution != null) {
      tracking
          .rows()
          .add(
              new TrackingRows.Incident(
                  Keys.of(incident.getId()),
                  Keys.of(execution.getProcessInstanceId()),
                  execution.getProcessDefinition().getKey(),
                  context.getActivityId(),
                  execution.getActivityInstanceId() == null
                      ? -1
                      : Keys.of(execution.getActivityInstanceId()),
                  Keys.of(context.getConfiguration()),
                  message == null ? "" : message,
                  now()));
    }
    return incident;
  }

  @Override
  public void resolveIncident(IncidentContext context) {
    super.resolveIncident(context);
    tracking.rows().resolve(Keys.of(context.getConfiguration()), now());
  }

  @Override
  public void deleteIncident(IncidentContext context) {
    super.deleteIncident(context);
    tracking.rows().resolve(Keys.of(context.getConfiguration()), now());
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
