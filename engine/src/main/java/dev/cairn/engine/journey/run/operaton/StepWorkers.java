package dev.cairn.engine.journey.run.operaton;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.exception.NotFoundException;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Performs journey steps: takes steps that are due from the engine (locked for this replica, so
 * replicas share them and each step is performed by one at a time), hands each to the step handler
 * of its kind and reports the result. A step is performed at least once: one whose replica died
 * mid-step is taken again when its lock runs out, and handlers make a repeated call for the same
 * step harmless.
 */
final class StepWorkers {

  private static final Logger log = LoggerFactory.getLogger(StepWorkers.class);
  private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

  /** Time to report an attempt that took its longest before the engine hands the step out again. */
  private static final Duration REPORTING_MARGIN = Duration.ofSeconds(30);

  private final ExternalTaskService tasks;
  private final RepositoryService repository;
  private final Map<String, Integer> versions = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, StepHandler> handlers;
  private final Contacts contacts;
  private final EngineProperties properties;
  private final String workerId;
  private final Semaphore capacity;
  private final Semaphore wakeUp = new Semaphore(0);
  private final TransactionTemplate transactions;
  private final JdbcTemplate jdbc;
  private volatile boolean running;
  private Thread fetcher;
  private ExecutorService performers;

  StepWorkers(
      ExternalTaskService tasks,
      RepositoryService repository,
      List<StepHandler> handlers,
      Contacts contacts,
      EngineProperties properties,
      TransactionTemplate transactions,
      JdbcTemplate jdbc) {
    this.tasks = tasks;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.repository = repository;
    this.handlers =
        handlers.stream().collect(Collectors.toMap(StepHandler::type, Function.identity()));
    this.contacts = contacts;
    this.properties = properties;
    this.workerId = properties.lockOwner();
    this.capacity = new Semaphore(properties.stepThreads());
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    performers =
        Executors.newFixedThreadPool(
            properties.stepThreads(),
            Thread.ofPlatform().name("cairn-step-", 1).daemon().factory());
    fetcher = Thread.ofPlatform().name("cairn-steps").daemon().start(this::fetchLoop);
    log.info("Steps are performed ({} at a time, as {})", properties.stepThreads(), workerId);
  }

  synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wakeUp.release();
    try {
      fetcher.join(Duration.ofSeconds(5));
      performers.shutdown();
      if (!performers.awaitTermination(20, TimeUnit.SECONDS)) {
        log.warn("Steps still under way at shutdown are performed again after their lock runs out");
        performers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A step was created here: look for work now rather than at the next poll. */
  void wakeUp() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  private void fetchLoop() {
    while (running) {
      try {
        capacity.acquire();
        int free = 1 + capacity.drainPermits();
        List<LockedExternalTask> due = fetch(free);
        capacity.release(free - due.size());
        for (LockedExternalTask task : due) {
          performers.execute(
              () -> {
                try {
                  perform(task);
                } finally {
                  capacity.release();
                }
              });
        }
        if (due.isEmpty()) {
          wakeUp.tryAcquire(properties.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Steps cannot be taken right now ({}); retrying", e.getMessage());
        sleep(Duration.ofSeconds(1));
      }
    }
  }

  private List<LockedExternalTask> fetch(int max) {
    ExternalTaskQueryBuilder query = lockingQuery(max);
    try {
      return withoutWaitingForDisk(query::execute);
    } catch (OptimisticLockingException e) {
      return List.of(); // another replica took them first
    }
  }

  /**
   * Up to {@code max} due steps of every kind Cairn performs, each locked as long as it may take.
   */
  private ExternalTaskQueryBuilder lockingQuery(int max) {
    ExternalTaskQueryBuilder query = tasks.fetchAndLock(max, workerId);
    for (StepHandler handler : handlers.values()) {
      query =
          query
              .topic(handler.type(), holdFor(handler).toMillis())
              .includeExtensionProperties()
              .enableCustomObjectDeserialization();
    }
    return query;
  }

  private Duration holdFor(StepHandler handler) {
    Duration longest = handler.longestAttempt().plus(REPORTING_MARGIN);
    return longest.compareTo(properties.stepLock()) > 0 ? longest : properties.stepLock();
  }

  private void perform(LockedExternalTask task) {
    StepResult result = attempt(task);
    try {
      withoutWaitingForDisk(
          () -> {
            report(task, result);
            return null;
          });
    } catch (NotFoundException e) {
      log.debug("Step {} ended meanwhile (its contact left the journey)", task.getId());
    } catch (ProcessEngineException e) {
      // Lost the lock (held past it, or taken over): whoever holds it reports the step.
      log.warn(
          "Step {} could not be reported ({}); it is performed again",
          task.getId(),
          e.getMessage());
    }
  }

  private StepResult attempt(LockedExternalTask task) {
    StepHandler handler = handlers.get(task.getTopicName());
    try {
      return handler.perform(toStep(task));
    } catch (RuntimeException e) {
      log.warn("{} step {} failed", handler.displayName(), task.getId(), e);
      return new StepResult.Failed(e.toString(), DEFAULT_BACKOFF);
    }
  }

  private void report(LockedExternalTask task, StepResult result) {
    switch (result) {
      case StepResult.Completed completed ->
          tasks.complete(task.getId(), workerId, new HashMap<>(completed.variables()));
      case StepResult.Deferred deferred ->
          tasks.handleFailure(
              task.getId(),
              workerId,
              deferred.reason(),
              null,
              retriesLeft(task),
              deferred.until().toMillis());
      case StepResult.Failed failed ->
          tasks.handleFailure(
              task.getId(),
              workerId,
              failed.reason(),
              null,
              Math.max(0, retriesLeft(task) - 1),
              failed.retryBackoff().toMillis());
      case StepResult.Rejected rejected ->
          tasks.handleFailure(task.getId(), workerId, rejected.reason(), null, 0, 0);
    }
  }

  /**
   * Runs engine commands in a transaction whose commit does not wait for the disk. Losing one in a
   * database crash is harmless: a lost lock lets the step be taken again, and a lost report has the
   * step performed again after its lock runs out, which steps tolerate (the delivery ledger,
   * written durably, sends each message once). It saves a disk flush per step taken and per step
   * reported.
   */
  private <T> T withoutWaitingForDisk(java.util.function.Supplier<T> commands) {
    return transactions.execute(
        status -> {
          jdbc.execute("set local synchronous_commit = off");
          return commands.get();
        });
  }

  /** Attempts left: the step's retries before its first failure, the engine's count after. */
  private static int retriesLeft(LockedExternalTask task) {
    if (task.getRetries() != null) {
      return task.getRetries();
    }
    String configured = task.getExtensionProperties().get(ExecutableBpmn.RETRIES);
    try {
      return configured == null
          ? ExecutableBpmn.DEFAULT_RETRIES
          : Math.max(1, Integer.parseInt(configured));
    } catch (NumberFormatException e) {
      return ExecutableBpmn.DEFAULT_RETRIES;
    }
  }

  private Step toStep(LockedExternalTask task) {
    Map<String, Object> variables = task.getVariables();
    Object contact = variables.get("contactId");
    if (contact == null) {
      throw new IllegalStateException(
          "journey instance " + task.getProcessInstanceId() + " has no contactId");
    }
    // The instance carries the id the contact had when it entered; after a merge that is the id
    // of a contact that became part of another one, which is the one the step is for.
    ContactId entered = ContactId.parse(contact.toString());
    ContactId current = contacts.find(entered).map(ContactProfile::id).orElse(entered);
    Map<String, String> headers = new HashMap<>(task.getExtensionProperties());
    headers.remove(ExecutableBpmn.RETRIES);
    return new Step(
        Keys.of(task.getId()),
        current,
        task.getProcessDefinitionKey(),
        versionOf(task.getProcessDefinitionId()),
        Keys.of(task.getProcessInstanceId()),
        task.getActivityId(),
        headers,
        variables,
        task.getRetries() == null ? retriesLeft(task) : task.getRetries());
  }

  /** A version never changes its number: asked of the engine once per version. */
  private int versionOf(String definitionId) {
    return versions.computeIfAbsent(
        definitionId, id -> repository.getProcessDefinition(id).getVersion());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
