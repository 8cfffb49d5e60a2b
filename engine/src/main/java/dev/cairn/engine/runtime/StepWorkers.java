package dev.cairn.engine.runtime;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import dev.cairn.engine.zeebe.EngineCommands;
import dev.cairn.engine.zeebe.JourneyInstances;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One job worker per step type. Opened by {@link RuntimeStartup} once the engine answers (not
 * with the application context, which is up before the broker is); stopped before the engine
 * client and the broker, so no step is left half-reported at shutdown.
 */
@Component
class StepWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StepWorkers.class);
  private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
  /** Time to report an attempt that took its longest before the engine hands the step out again. */
  private static final Duration REPORTING_MARGIN = Duration.ofSeconds(30);

  private final List<StepHandler> handlers;
  private final Contacts contacts;
  private final CamundaClient client;
  private final EngineCommands commands;
  private final RuntimeProperties properties;
  private final JourneyInstances instances;
  private final List<JobWorker> workers = new ArrayList<>();

  StepWorkers(
      List<StepHandler> handlers,
      Contacts contacts,
      CamundaClient client,
      EngineCommands commands,
      RuntimeProperties properties,
      JourneyInstances instances) {
    this.handlers = handlers;
    this.instances = instances;
    this.contacts = contacts;
    this.client = client;
    this.commands = commands;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    for (StepHandler handler : handlers) {
      workers.add(
          client
              .newWorker()
              .jobType(handler.type())
              .handler((jobClient, job) -> perform(handler, job))
              .name("cairn")
              .timeout(holdFor(handler))
              .maxJobsActive(properties.maxJobsActive())
              .open());
      log.info("Worker for {} steps ({}) is open", handler.displayName(), handler.type());
    }
  }

  @Override
  public synchronized void stop() {
    workers.forEach(JobWorker::close);
    workers.clear();
  }

  @Override
  public synchronized boolean isRunning() {
    return !workers.isEmpty();
  }

  @Override
  public boolean isAutoStartup() {
    return false;
  }

  /** Stops early: before the engine client and the broker. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }

  private Duration holdFor(StepHandler handler) {
    Duration longest = handler.longestAttempt().plus(REPORTING_MARGIN);
    return longest.compareTo(properties.jobTimeout()) > 0 ? longest : properties.jobTimeout();
  }

  private void perform(StepHandler handler, ActivatedJob job) {
    StepResult result;
    try {
      result = handler.perform(toStep(job));
    } catch (RuntimeException e) {
      log.warn("{} step {} failed", handler.displayName(), job.getKey(), e);
      result = new StepResult.Failed(e.toString(), DEFAULT_BACKOFF);
    }
    switch (result) {
      case StepResult.Completed completed ->
          commands.execute(
              "complete step " + job.getKey(),
              () -> client.newCompleteCommand(job.getKey()).variables(completed.variables()).send());
      case StepResult.Deferred deferred ->
          commands.execute(
              "defer step " + job.getKey(),
              () ->
                  client
                      .newFailCommand(job.getKey())
                      .retries(job.getRetries())
                      .retryBackoff(deferred.until())
                      .errorMessage(deferred.reason())
                      .send());
      case StepResult.Failed failed ->
          commands.execute(
              "fail step " + job.getKey(),
              () ->
                  client
                      .newFailCommand(job.getKey())
                      .retries(Math.max(0, job.getRetries() - 1))
                      .retryBackoff(failed.retryBackoff())
                      .errorMessage(failed.reason())
                      .send());
      case StepResult.Withdrawn withdrawn -> {
        log.info("Journey instance {} withdrawn: {}", job.getProcessInstanceKey(), withdrawn.reason());
        instances.stop(job.getProcessInstanceKey(), withdrawn.reason());
      }
      case StepResult.Rejected rejected ->
          commands.execute(
              "reject step " + job.getKey(),
              () -> client.newFailCommand(job.getKey()).retries(0).errorMessage(rejected.reason()).send());
    }
  }

  private Step toStep(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object contact = variables.get("contactId");
    if (contact == null) {
      throw new IllegalStateException("journey instance " + job.getProcessInstanceKey() + " has no contactId");
    }
    // The instance carries the id the contact had when it entered; after a merge that is the id
    // of a contact that became part of another one, which is the one the step is for.
    ContactId entered = ContactId.parse(contact.toString());
    ContactId current = contacts.find(entered).map(ContactProfile::id).orElse(entered);
    return new Step(
        job.getKey(),
        current,
        job.getBpmnProcessId(),
        job.getProcessDefinitionVersion(),
        job.getProcessInstanceKey(),
        job.getElementId(),
        job.getCustomHeaders(),
        variables,
        job.getRetries());
  }
}
