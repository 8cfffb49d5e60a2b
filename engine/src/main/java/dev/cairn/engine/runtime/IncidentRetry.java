package dev.cairn.engine.runtime;

import dev.cairn.engine.tracking.OpenIncident;
import dev.cairn.engine.zeebe.EngineCommands;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.springframework.stereotype.Service;

/**
 * Retries a stopped step once the cause is fixed (a template repaired, SMTP back): the step gets
 * its retries back and the engine tries it again. If it fails again, a new incident shows.
 */
@Service
public class IncidentRetry {

  static final int RETRIES = 3;

  private final CamundaClient engine;
  private final EngineCommands commands;

  IncidentRetry(CamundaClient engine, EngineCommands commands) {
    this.engine = engine;
    this.commands = commands;
  }

  /** False when the incident was already resolved (by someone else, or another replica). */
  public boolean retry(OpenIncident incident) {
    try {
      if (incident.jobKey() > 0) {
        commands.execute(
            "give step " + incident.jobKey() + " its retries back",
            () -> engine.newUpdateRetriesCommand(incident.jobKey()).retries(RETRIES).send());
      }
      commands.execute("resolve incident " + incident.incidentKey(), () -> engine.newResolveIncidentCommand(incident.incidentKey()).send());
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
