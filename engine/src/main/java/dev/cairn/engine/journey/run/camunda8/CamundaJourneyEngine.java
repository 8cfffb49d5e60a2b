package dev.cairn.engine.journey.run.camunda8;

import dev.cairn.engine.journey.run.JourneyEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.MigrateProcessInstanceCommandStep1.MigrateProcessInstanceCommandFinalStep;
import io.camunda.client.api.command.MigrateProcessInstanceCommandStep1.MigrateProcessInstanceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine port on a Camunda 8 cluster. The cluster keeps its state itself, so unlike the
 * embedded engine no call shares the caller's transaction: what Cairn writes alongside (tracking
 * rows) is written once the cluster has answered.
 */
final class CamundaJourneyEngine implements JourneyEngine {

  /** Retries a stopped step gets back, as many as a step has by default. */
  static final int RETRIES = 3;

  /**
   * How long a stopped step's incident may take to show in the cluster's search after it stopped.
   */
  private static final Duration INCIDENT_VISIBLE_WITHIN = Duration.ofSeconds(10);

  private final CamundaClient client;
  private final Commands commands;
  private final JobWorkers workers;
  private final Tracking tracking;
  private final JdbcTemplate jdbc;

  CamundaJourneyEngine(
      CamundaClient client,
      Commands commands,
      JobWorkers workers,
      Tracking tracking,
      JdbcTemplate jdbc) {
    this.client = client;
    this.commands = commands;
    this.workers = workers;
    this.tracking = tracking;
    this.jdbc = jdbc;
  }

  @Override
  public Deployment deploy(String processId, String executableXml) {
    String xml = ZeebeBpmn.of(executableXml);
    DeploymentEvent deployment;
    try {
      // Under the same resource name, the cluster keeps the version it has when nothing changed.
      deployment =
          commands.execute(
              "deploy journey " + processId,
              () ->
                  client
                      .newDeployResourceCommand()
                      .addResourceStringUtf8(xml, processId + ".bpmn")
                      .send());
    } catch (RuntimeException e) {
      if (Answer.of(e) == Answer.REFUSED) {
        return new Deployment.Refused(Outcomes.deployRefusals(Answer.reason(e)));
      }
      throw e;
    }
    var process =
        deployment.getProcesses().stream()
            .filter(deployed -> deployed.getBpmnProcessId().equals(processId))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the Camunda cluster deployed no process " + processId));
    return new Deployment.Done(
        new Deployed(process.getProcessDefinitionKey(), process.getVersion()));
  }

  @Override
  public Started start(String processId, String correlationKey, Map<String, Object> variables) {
    return started(
        commands.execute(
            "start journey " + processId,
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(processId)
                    .latestVersion()
                    .variables(Outcomes.startVariables(correlationKey, variables))
                    .send()));
  }

  @Override
  public Started start(
      String processId, int version, String correlationKey, Map<String, Object> variables) {
    return started(
        commands.execute(
            "start journey " + processId + " version " + version,
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(processId)
                    .version(version)
                    .variables(Outcomes.startVariables(correlationKey, variables))
                    .send()));
  }

  private Started started(ProcessInstanceEvent instance) {
    tracking.entered(
        new Tracking.Node(
            instance.getProcessInstanceKey(),
            instance.getProcessInstanceKey(),
            instance.getProcessDefinitionKey(),
            instance.getBpmnProcessId(),
            instance.getVersion(),
            instance.getBpmnProcessId(),
            "PROCESS"));
    return new Started(
        instance.getProcessInstanceKey(),
        instance.getProcessDefinitionKey(),
        instance.getVersion());
  }

  /**
   * The cluster hands a message to one waiting subscription (the first it finds) and refuses it
   * when none waits: the answer is 1 or 0.
   */
  @Override
  public int correlate(String messageName, String correlationKey, Map<String, Object> variables) {
    try {
      commands.execute(
          "hand " + messageName + " to " + correlationKey,
          () ->
              client
                  .newCorrelateMessageCommand()
                  .messageName(messageName)
                  .correlationKey(correlationKey)
                  .variables(variables)
                  .send());
      return 1;
    } catch (RuntimeException e) {
      if (Answer.of(e) == Answer.NOT_FOUND) {
        return 0;
      }
      throw e;
    }
  }

  @Override
  public boolean cancel(long processInstanceKey, String reason) {
    try {
      commands.execute(
          "stop journey instance " + processInstanceKey + " (" + reason + ")",
          () -> client.newCancelInstanceCommand(processInstanceKey).send());
    } catch (RuntimeException e) {
      if (Answer.of(e) == Answer.NOT_FOUND) {
        return false;
      }
      throw e;
    }
    tracking.instanceCancelled(processInstanceKey);
    return true;
  }

  @Override
  public Migration migrate(
      long processInstanceKey, String processId, int targetVersion, Set<String> nodes) {
    Optional<Integer> from = versionOf(processInstanceKey);
    Optional<Version> target = version(processId, targetVersion);
    if (from.isEmpty() || target.isEmpty()) {
      return new Migration.Refused(
          "Cairn does not know version "
              + (from.isEmpty() ? "the contact is on" : targetVersion)
              + " of "
              + processId);
    }
    Optional<Version> source = version(processId, from.get());
    Map<String, String> mapping =
        NodeMapping.between(source.map(Version::xml).orElse(""), target.get().xml());
    for (String node : nodes) {
      if (!mapping.containsKey(node)) {
        return new Migration.Refused(
            "active element with id '" + node + "' is not in version " + targetVersion);
      }
    }
    if (mapping.isEmpty()) {
      return new Migration.Refused("no node of this version is in the new one");
    }
    MigrateProcessInstanceCommandStep2 plan =
        client
            .newMigrateProcessInstanceCommand(processInstanceKey)
            .migrationPlan(target.get().definitionKey());
    try {
      commands.execute(
          "move journey instance " + processInstanceKey + " to version " + targetVersion,
          () -> instructions(plan, mapping).send());
    } catch (RuntimeException e) {
      return switch (Answer.of(e)) {
        case NOT_FOUND -> new Migration.Ended();
        case REFUSED -> new Migration.Refused(Answer.reason(e));
        default -> throw e;
      };
    }
    tracking.moved(processInstanceKey, target.get().definitionKey(), targetVersion);
    return new Migration.Migrated();
  }

  private static MigrateProcessInstanceCommandFinalStep instructions(
      MigrateProcessInstanceCommandStep2 plan, Map<String, String> mapping) {
    MigrateProcessInstanceCommandFinalStep last = null;
    for (Map.Entry<String, String> node : mapping.entrySet()) {
      last =
          last == null
              ? plan.addMappingInstruction(node.getKey(), node.getValue())
              : last.addMappingInstruction(node.getKey(), node.getValue());
    }
    return java.util.Objects.requireNonNull(last);
  }

  private record Version(long definitionKey, String xml) {}

  /**
   * A published version as Cairn keeps it: its definition key on the cluster and its compiled
   * diagram.
   */
  private Optional<Version> version(String processId, int version) {
    return jdbc
        .query(
            "select process_definition_key, deployed_xml from journey_version where journey_id = ? and version = ?",
            (rs, row) -> new Version(rs.getLong(1), rs.getString(2)),
            processId,
            version)
        .stream()
        .findFirst();
  }

  private Optional<Integer> versionOf(long processInstanceKey) {
    return jdbc
        .queryForList(
            "select version from element_instance where element_instance_key = ?",
            Integer.class,
            processInstanceKey)
        .stream()
        .findFirst();
  }

  /**
   * Gives the stopped step its retries back and resolves its incident, so the cluster hands it out
   * again. The incident is found through the cluster's search, which shows it shortly after the
   * step stopped.
   */
  @Override
  public boolean retryStep(long stepKey) {
    if (!tracking.stopped(stepKey)) {
      return false;
    }
    try {
      commands.execute(
          "give step " + stepKey + " its retries back",
          () -> client.newUpdateRetriesCommand(stepKey).retries(RETRIES).send());
    } catch (RuntimeException e) {
      if (Answer.of(e) == Answer.NOT_FOUND) {
        tracking.stepRetried(stepKey); // the step is gone: its contact left the journey
        return false;
      }
      throw e;
    }
    for (Incident incident : openIncidents(stepKey)) {
      try {
        commands.execute(
            "resolve the incident of step " + stepKey,
            () -> client.newResolveIncidentCommand(incident.getIncidentKey()).send());
      } catch (RuntimeException e) {
        if (Answer.of(e) != Answer.NOT_FOUND) {
          throw e;
        }
      }
    }
    tracking.stepRetried(stepKey);
    return true;
  }

  private List<Incident> openIncidents(long jobKey) {
    long giveUpAt = System.nanoTime() + INCIDENT_VISIBLE_WITHIN.toNanos();
    while (true) {
      List<Incident> open =
          commands
              .execute(
                  "find the incident of step " + jobKey,
                  () ->
                      client
                          .newIncidentSearchRequest()
                          .filter(filter -> filter.jobKey(jobKey).state(IncidentState.ACTIVE))
                          .send())
              .items();
      if (!open.isEmpty()) {
        return open;
      }
      if (System.nanoTime() > giveUpAt) {
        throw new IllegalStateException(
            "the Camunda cluster shows no incident for step "
                + jobKey
                + " yet; retry it again in a moment");
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(Duration.ofMillis(500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for a step's incident", e);
    }
  }

  @Override
  public void startWork() {
    workers.start();
  }

  @Override
  public void stopWork() {
    workers.stop();
  }
}
