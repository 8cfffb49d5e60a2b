package dev.cairn.engine.journey.run.operaton;

import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.journey.run.JourneyEngine;
import dev.cairn.engine.step.StepHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.operaton.bpm.engine.runtime.Incident;
import org.operaton.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded engine: on Cairn's own database and in Cairn's transactions, its schema created and
 * upgraded at start. Its job executor (timers) and Cairn's step workers start once journeys are
 * deployed; every replica sharing the database shares their work through the engine's locks. The
 * default ({@code cairn.engine.mode=embedded}, or no mode at all).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cairn.engine.mode", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties(EngineProperties.class)
class OperatonConfiguration {

  private static final Logger log = LoggerFactory.getLogger(OperatonConfiguration.class);

  /**
   * Indexes the engine's own schema lacks for Cairn's load: timers and due steps are found by due
   * date and lock, and a moved contact's event subscriptions by their instance.
   */
  private static final List<String> INDEXES =
      List.of(
          "create index if not exists cairn_act_ru_job_duedate on act_ru_job (duedate_)",
          "create index if not exists cairn_act_ru_job_lock_exp on act_ru_job (lock_exp_time_)",
          "create index if not exists cairn_act_ru_event_subscr_instance on act_ru_event_subscr (proc_inst_id_)",
          "create index if not exists cairn_act_ru_ext_task_topic on act_ru_ext_task (topic_name_, lock_exp_time_)",
          // An execution's own variables (each step fetches them): the engine asks for
          // execution_id_ = ? and task_id_ is null, which its task index also answers, by reading
          // every variable when the table's statistics are young.
          "create index if not exists cairn_act_ru_variable_execution on act_ru_variable (execution_id_) where task_id_ is null");

  @Bean(destroyMethod = "close")
  ProcessEngine processEngine(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      EngineProperties properties,
      JdbcTemplate jdbc,
      WorkerWakeUp wakeUp) {
    long started = System.nanoTime();
    ElementTracking tracking = new ElementTracking(jdbc, wakeUp::signal);
    // Spring's transactions, but none of its beans: a diagram's expressions see its variables only.
    SpringTransactionsProcessEngineConfiguration configuration =
        new SpringTransactionsProcessEngineConfiguration();
    configuration.setProcessEngineName("cairn");
    configuration.setDataSource(dataSource);
    configuration.setTransactionManager(transactions);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    // Where contacts are and were is Cairn's tracking; the engine keeps no history of its own.
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
    configuration.setEnforceHistoryTimeToLive(false);
    configuration.setHistoryCleanupEnabled(false);
    configuration.setMetricsEnabled(false);
    configuration.setDbMetricsReporterActivate(false);
    configuration.setIdBlockSize(1000);
    configuration.setJobExecutorActivate(false);
    configuration.setJobExecutorAcquireByDueDate(true);
    configuration.setEnsureJobDueDateNotNull(true);
    configuration.setJobExecutor(jobExecutor(properties));
    // The engine adds its own to these lists: they must be mutable.
    configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(tracking)));
    configuration.setCustomIncidentHandlers(
        new ArrayList<>(
            List.of(
                new IncidentRecorder(Incident.EXTERNAL_TASK_HANDLER_TYPE, tracking),
                new IncidentRecorder(Incident.FAILED_JOB_HANDLER_TYPE, tracking))));
    configuration.setCustomPreVariableSerializers(new ArrayList<>(List.of(new JsonVariables())));
    configuration.setDefaultSerializationFormat(JsonVariables.FORMAT);
    configuration.setJavaSerializationFormatEnabled(false);
    ProcessEngine engine = configuration.buildProcessEngine();
    INDEXES.forEach(jdbc::execute);
    log.info("Journey engine ready in {} ms", (System.nanoTime() - started) / 1_000_000);
    return engine;
  }

  private static DefaultJobExecutor jobExecutor(EngineProperties properties) {
    DefaultJobExecutor executor = new DefaultJobExecutor();
    executor.setCorePoolSize(2);
    executor.setMaxPoolSize(4);
    executor.setQueueSize(16);
    executor.setMaxJobsPerAcquisition(16);
    executor.setLockOwner(properties.lockOwner());
    executor.setLockTimeInMillis((int) properties.stepLock().toMillis());
    // Timers due on another replica, or due while idle, are found within this.
    executor.setWaitTimeInMillis((int) properties.idlePoll().toMillis());
    executor.setMaxWait(properties.idlePoll().toMillis());
    return executor;
  }

  @Bean
  WorkerWakeUp workerWakeUp() {
    return new WorkerWakeUp();
  }

  @Bean
  JourneyEngine journeyEngine(
      ProcessEngine engine,
      List<StepHandler> handlers,
      Contacts contacts,
      EngineProperties properties,
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      WorkerWakeUp wakeUp) {
    TransactionTemplate template = new TransactionTemplate(transactions);
    StepWorkers workers =
        new StepWorkers(
            engine.getExternalTaskService(),
            engine.getRepositoryService(),
            handlers,
            contacts,
            properties,
            template,
            jdbc);
    wakeUp.connect(workers);
    return new OperatonJourneyEngine(engine, workers, jdbc, template);
  }

  /**
   * Tells the step workers a step was created here; the engine is built before the workers exist.
   */
  static final class WorkerWakeUp {
    private final AtomicReference<StepWorkers> workers = new AtomicReference<>();

    void connect(StepWorkers connected) {
      workers.set(connected);
    }

    void signal() {
      StepWorkers connected = workers.get();
      if (connected != null) {
        connected.wakeUp();
      }
    }
  }
}
