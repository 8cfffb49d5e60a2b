package dev.cairn.engine.zeebe;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.MigrationPlan;
import io.grpc.Status;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Changes running journey instances on the engine: stops them (a stopped journey, an erased
 * contact) or moves them to another version of their journey.
 */
@Service
public class JourneyInstances {

  private final CamundaClient engine;
  private final EngineCommands commands;

  JourneyInstances(CamundaClient engine, EngineCommands commands) {
    this.engine = engine;
    this.commands = commands;
  }

  /** The outcome of moving one instance to another version. */
  public sealed interface Migration {
    record Migrated() implements Migration {}

    /** The engine kept the instance where it was, for this reason (in its words). */
    record Refused(String reason) implements Migration {}

    /** The instance had ended (the contact finished the journey) before it could be moved. */
    record Ended() implements Migration {}
  }

  /**
   * Moves the instance to the process definition {@code targetKey}, each active node to the node
   * the mapping names (source id to target id). The engine refuses, and changes nothing, when an
   * active node has no mapping or is of a kind it cannot move.
   */
  public Migration migrate(long processInstanceKey, long targetKey, Map<String, String> mapping) {
    if (mapping.isEmpty()) {
      return new Migration.Refused("no node of this version is in the new one");
    }
    MigrationPlan.MigrationPlanBuilderStep2 builder = MigrationPlan.newBuilder().withTargetProcessDefinitionKey(targetKey);
    MigrationPlan.MigrationPlanBuilderFinalStep plan = null;
    for (Map.Entry<String, String> node : mapping.entrySet()) {
      plan = (plan == null ? builder : plan).addMappingInstruction(node.getKey(), node.getValue());
    }
    MigrationPlan complete = plan.build();
    try {
      commands.execute(
          "move journey instance " + processInstanceKey + " to " + targetKey,
          () -> engine.newMigrateProcessInstanceCommand(processInstanceKey).migrationPlan(complete).send());
      return new Migration.Migrated();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return new Migration.Ended();
      }
      if (e.getStatusCode() == Status.Code.INVALID_ARGUMENT || e.getStatusCode() == Status.Code.FAILED_PRECONDITION) {
        return new Migration.Refused(e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Starts a stopped step afresh: a new job with the step's configuration as its version has it now
   * (a moved instance's stopped job keeps the settings it was created with). Its incident ends
   * with the old job.
   */
  public void restartStep(long processInstanceKey, long elementInstanceKey, String elementId) {
    commands.execute(
        "restart step " + elementId + " of journey instance " + processInstanceKey,
        () ->
            engine
                .newModifyProcessInstanceCommand(processInstanceKey)
                .activateElement(elementId)
                .and()
                .terminateElement(elementInstanceKey)
                .send());
  }

  /**
   * Starts a new instance of the process definition {@code definitionKey} at {@code elementId},
   * with these variables, skipping everything before it; returns the new instance's key. This is
   * how a contact at a wait moves to a newer version, which the engine cannot do itself.
   */
  public long startAt(long definitionKey, String elementId, Map<String, Object> variables) {
    return commands
        .execute(
            "start journey version " + definitionKey + " at " + elementId,
            () -> engine.newCreateInstanceCommand().processDefinitionKey(definitionKey).variables(variables).startBeforeElement(elementId).send())
        .getProcessInstanceKey();
  }

  /** Cancels the instance; one that ended on its own meanwhile needs nothing more. */
  public void stop(long processInstanceKey, String why) {
    cancel(processInstanceKey, why);
  }

  /** Cancels the instance; false if it had ended on its own already. */
  public boolean cancel(long processInstanceKey, String why) {
    try {
      commands.execute(
          "stop journey instance " + processInstanceKey + " (" + why + ")",
          () -> engine.newCancelInstanceCommand(processInstanceKey).send());
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      return false;
    }
  }
}
