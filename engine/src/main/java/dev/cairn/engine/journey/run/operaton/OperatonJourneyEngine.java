package dev.cairn.engine.journey.run.operaton;

import dev.cairn.engine.journey.run.JourneyEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.ParseException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.externaltask.ExternalTask;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.operaton.bpm.engine.migration.MigrationPlan;
import org.operaton.bpm.engine.migration.MigrationPlanBuilder;
import org.operaton.bpm.engine.migration.MigrationPlanValidationException;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.EventBasedGateway;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.StartEvent;
import org.operaton.bpm.model.bpmn.instance.SubProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The engine port on the embedded Operaton engine. */
final class OperatonJourneyEngine implements JourneyEngine {

  /** Node kinds the engine's migration moves contacts at (and keeps their waits' due times). */
  private static final Set<String> MOVABLE =
      Set.of(
          "serviceTask",
          "sendTask",
          "userTask",
          "receiveTask",
          "intermediateCatchEvent",
          "eventBasedGateway",
          "boundaryEvent",
          "subProcess");

  private final ProcessEngine engine;
  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ExternalTaskService tasks;
  private final ManagementService management;
  private final StepWorkers workers;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Map<String, ProcessDefinition> definitions = new ConcurrentHashMap<>();
  private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();

  OperatonJourneyEngine(
      ProcessEngine engine,
      StepWorkers workers,
      JdbcTemplate jdbc,
      TransactionTemplate transactions) {
    this.engine = engine;
    this.repository = engine.getRepositoryService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getExternalTaskService();
    this.management = engine.getManagementService();
    this.workers = workers;
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public Deployment deploy(String processId, String executableXml) {
    try {
      repository
          .createDeployment()
          .name(processId)
          .addString(processId + ".bpmn", ExecutableBpmn.of(executableXml))
          .enableDuplicateFiltering(false)
          .deploy();
    } catch (ParseException e) {
      List<Refusal> reasons = new ArrayList<>();
      e.getResourceReports()
          .forEach(
              report ->
                  report
                      .getErrors()
                      .forEach(
                          problem ->
                              reasons.add(
                                  new Refusal(problem.getMainElementId(), problem.getMessage()))));
      return new Deployment.Refused(
          reasons.isEmpty() ? List.of(new Refusal(null, e.getMessage())) : reasons);
    }
    ProcessDefinition latest =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey(processId)
            .latestVersion()
            .singleResult();
    return new Deployment.Done(new Deployed(Keys.of(latest.getId()), latest.getVersion()));
  }

  @Override
  public Started start(String processId, String correlationKey, Map<String, Object> variables) {
    ProcessInstance instance =
        runtime
            .createProcessInstanceByKey(processId)
            .businessKey(correlationKey)
            .setVariables(new HashMap<>(variables))
            .execute();
    return started(instance);
  }

  @Override
  public Started start(
      String processId, int version, String correlationKey, Map<String, Object> variables) {
    ProcessInstance instance =
        runtime
            .createProcessInstanceById(definition(processId, version).getId())
            .businessKey(correlationKey)
            .setVariables(new HashMap<>(variables))
            .execute();
    return started(instance);
  }

  private Started started(ProcessInstance instance) {
    ProcessDefinition definition =
        definitions.computeIfAbsent(
            instance.getProcessDefinitionId(), repository::getProcessDefinition);
    return new Started(
        Keys.of(instance.getId()), Keys.of(definition.getId()), definition.getVersion());
  }

  private ProcessDefinition definition(String processId, int version) {
    return definitions.computeIfAbsent(
        processId + "@" + version,
        key -> {
          ProcessDefinition found =
              repository
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(processId)
                  .processDefinitionVersion(version)
                  .singleResult();
          if (found == null) {
            throw new IllegalArgumentException(
                "journey " + processId + " has no version " + version + " on the engine");
          }
          return found;
        });
  }

  @Override
  public int correlate(String messageName, String correlationKey, Map<String, Object> variables) {
    return runtime
        .createMessageCorrelation(messageName)
        .processInstanceBusinessKey(correlationKey)
        .setVariables(new HashMap<>(variables))
        .correlateAllWithResult()
        .size();
  }

  @Override
  public boolean cancel(long processInstanceKey, String reason) {
    String id = Keys.id(processInstanceKey);
    if (runtime.createProcessInstanceQuery().processInstanceId(id).count() == 0) {
      return false;
    }
    runtime.deleteProcessInstanceIfExists(id, reason, false, true, false, false);
    return true;
  }

  @Override
  public Migration migrate(
      long processInstanceKey, String processId, int targetVersion, Set<String> nodes) {
    ProcessInstance instance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(Keys.id(processInstanceKey))
            .singleResult();
    if (instance == null) {
      return new Migration.Ended();
    }
    ProcessDefinition target = definition(processId, targetVersion);
    PlanKey key = new PlanKey(instance.getProcessDefinitionId(), target.getId(), Set.copyOf(nodes));
    Plan plan = plans.computeIfAbsent(key, this::plan);
    if (plan.refusal() != null) {
      return new Migration.Refused(plan.refusal());
    }
    try {
      return transactions.execute(
          status -> {
            runtime.newMigration(plan.plan()).processInstanceIds(instance.getId()).execute();
            // Where the contact is follows them to the new version; where they were stays on the
            // old.
            jdbc.update(
                """
            update element_instance set process_definition_key = ?, version = ?
            where process_instance_key = ? and (state = 'ACTIVE' or element_instance_key = process_instance_key)
            """,
                Keys.of(target.getId()),
                target.getVersion(),
                processInstanceKey);
            return new Migration.Migrated();
          });
    } catch (MigratingProcessInstanceValidationException e) {
      return new Migration.Refused(e.getMessage());
    }
  }

  /**
   * Contacts at the same nodes of the same version move by the same plan: built and checked once.
   */
  private record PlanKey(String sourceDefinitionId, String targetDefinitionId, Set<String> nodes) {}

  private record Plan(@Nullable MigrationPlan plan, @Nullable String refusal) {}

  private Plan plan(PlanKey key) {
    BpmnModelInstance source = repository.getBpmnModelInstance(key.sourceDefinitionId());
    MigrationPlanBuilder plan =
        runtime.createMigrationPlan(key.sourceDefinitionId(), key.targetDefinitionId());
    boolean mapped = false;
    for (String node :
        withWaitsOfEventGateways(
            source, repository.getBpmnModelInstance(key.targetDefinitionId()), key.nodes())) {
      if (movable(source, node)) {
        plan.mapActivities(node, node);
        mapped = true;
      }
    }
    if (!mapped) {
      return new Plan(null, "no node of this version is in the new one");
    }
    try {
      return new Plan(plan.build(), null);
    } catch (MigrationPlanValidationException e) {
      return new Plan(null, e.getMessage());
    }
  }

  /**
   * A contact at a wait for an event waits at the gateway and, at once, at each of its catches (the
   * event and the timeout's timer): those move with it, so the timer keeps its due time.
   */
  private static Set<String> withWaitsOfEventGateways(
      BpmnModelInstance model, BpmnModelInstance target, Set<String> nodes) {
    Set<String> withWaits = new java.util.LinkedHashSet<>(nodes);
    for (String node : nodes) {
      if (model.getModelElementById(node) instanceof EventBasedGateway gateway) {
        gateway.getSucceedingNodes().list().stream()
            .filter(next -> target.getModelElementById(next.getId()) != null)
            .forEach(next -> withWaits.add(next.getId()));
      }
    }
    return withWaits;
  }

  private static boolean movable(BpmnModelInstance model, String id) {
    if (!(model.getModelElementById(id) instanceof FlowNode node)) {
      return false;
    }
    if (node instanceof StartEvent
        && node.getParentElement() instanceof SubProcess sub
        && sub.triggeredByEvent()) {
      return true; // a goal or exit listening wherever the contact is
    }
    return MOVABLE.contains(node.getElementType().getTypeName());
  }

  @Override
  public boolean retryStep(long stepKey) {
    String id = Keys.id(stepKey);
    ExternalTask task = tasks.createExternalTaskQuery().externalTaskId(id).singleResult();
    if (task != null) {
      if (task.getRetries() == null || task.getRetries() > 0) {
        return false;
      }
      tasks.setRetries(id, ExecutableBpmn.DEFAULT_RETRIES);
      return true;
    }
    Job job = management.createJobQuery().jobId(id).singleResult();
    if (job == null || job.getRetries() > 0) {
      return false;
    }
    management.setJobRetries(id, ExecutableBpmn.DEFAULT_RETRIES);
    return true;
  }

  @Override
  public void startWork() {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getJobExecutor()
        .start();
    workers.start();
  }

  @Override
  public void stopWork() {
    workers.stop();
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getJobExecutor()
        .shutdown();
  }
}
