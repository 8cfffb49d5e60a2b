package dev.cairn.engine.zeebe;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.springframework.stereotype.Service;

/** Stops running journey instances on the engine (a stopped journey, an erased contact). */
@Service
public class JourneyInstances {

  private final CamundaClient engine;
  private final EngineCommands commands;

  JourneyInstances(CamundaClient engine, EngineCommands commands) {
    this.engine = engine;
    this.commands = commands;
  }

  /** Cancels the instance; one that ended on its own meanwhile needs nothing more. */
  public void stop(long processInstanceKey, String why) {
    try {
      commands.execute(
          "stop journey instance " + processInstanceKey + " (" + why + ")",
          () -> engine.newCancelInstanceCommand(processInstanceKey).send());
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
    }
  }
}
