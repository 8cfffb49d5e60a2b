package dev.cairn.engine.journey.run.camunda8;

import dev.cairn.engine.contact.ContactId;
import dev.cairn.engine.contact.ContactProfile;
import dev.cairn.engine.contact.Contacts;
import dev.cairn.engine.step.Step;
import dev.cairn.engine.step.StepHandler;
import dev.cairn.engine.step.StepResult;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Performs journey steps: one job worker per step type hands each job to the step handler of its
 * kind and reports the result, with the cluster's retries and backoff; a step whose retries are
 * used up stops as an incident. A step is performed at least once (one whose Cairn died mid-step is
 * handed out again after its timeout), and handlers make a repeated call harmless. One more worker
 * takes the journeys' end listeners, which tell tracking an instance ended.
 */
final class JobWorkers {

  private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
  private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

  /**
   * Time to report an attempt that took its longest before the cluster hands the step out again.
   */
  private static final Duration REPORTING_MARGIN = Duration.ofSeconds(30);

  private final CamundaClient client;
  private final Commands commands;
  private final List<StepHandler> handlers;
  private final Contacts contacts;
  private final Tracking tracking;
  private final TransactionTemplate transactions;
  private final Camunda8Properties properties;
  private final List<JobWorker> open = new ArrayList<>();

  JobWorkers(
      CamundaClient client,
      Commands commands,
      List<StepHandler> handlers,
      Contacts contacts,
      Tracking tracking,
      TransactionTemplate transactions,
      Camunda8Properties properties) {
    this.client = client;
    this.commands = commands;
    this.handlers = List.copyOf(handlers);
    this.contacts = contacts;
    this.tracking = tracking;
    this.transactions = transactions;
    this.properties = properties;
  }

  synchronized void start() {
    if (!open.isEmpty()) {
      return;
    }
    for (StepHandler handler : handlers) {
      open.add(
          client
              .newWorker()
              .jobType(handler.type())
              .handler((jobClient, job) -> perform(handler, job))
              .name("cairn")
              .timeout(holdFor(handler))
              .maxJobsActive(properties.stepThreads())
              .open());
    }
    open.add(
        client
            .newWorker()
            .jobType(ZeebeBpmn.JOURNEY_ENDED)
            .handler((jobClient, job) -> ended(job))
            .name("cairn")
            .fetchVariables(List.of())
            .open());
    log.info(
        "Steps are performed on the Camunda cluster ({} step types, {} at a time)",
        handlers.size(),
        properties.stepThreads());
  }

  synchronized void stop() {
    open.forEach(JobWorker::close);
    open.clear();
  }

  private Duration holdFor(StepHandler handler) {
    Duration longest = handler.longestAttempt().plus(REPORTING_MARGIN);
    return longest.compareTo(properties.stepTimeout()) > 0 ? longest : properties.stepTimeout();
  }

  void perform(StepHandler handler, ActivatedJob job) {
    Tracking.Node step = node(job, "SERVICE_TASK");
    tracking.entered(step);
    StepResult result;
    try {
      result = handler.perform(toStep(job));
    } catch (RuntimeException e) {
      log.warn("{} step {} failed", handler.displayName(), job.getKey(), e);
      result = new StepResult.Failed(e.toString(), DEFAULT_BACKOFF);
    }
    try {
      report(job, step, result);
    } catch (RuntimeException e) {
      switch (Answer.of(e)) {
        case NOT_FOUND ->
            log.debug("Step {} ended meanwhile (its contact left the journey)", job.getKey());
        // Timed out and handed out again: whoever holds it now reports the step.
        default ->
            log.warn(
                "Step {} could not be reported ({}); it is performed again",
                job.getKey(),
                Answer.reason(e));
      }
    }
  }

  private void report(ActivatedJob job, Tracking.Node step, StepResult result) {
    switch (result) {
      case StepResult.Completed completed -> {
        commands.execute(
            "complete step " + job.getKey(),
            () -> client.newCompleteCommand(job.getKey()).variables(completed.variables()).send());
        tracking.completed(step);
      }
      case StepResult.Deferred deferred ->
          fail(job, step, job.getRetries(), deferred.until(), deferred.reason());
      case StepResult.Failed failed ->
          fail(
              job,
              step,
              Outcomes.retriesAfterFailure(job.getRetries()),
              failed.retryBackoff(),
              failed.reason());
      case StepResult.Rejected rejected -> fail(job, step, 0, Duration.ZERO, rejected.reason());
    }
  }

  private void fail(
      ActivatedJob job, Tracking.Node step, int retries, Duration backoff, String reason) {
    commands.execute(
        "fail step " + job.getKey(),
        () ->
            client
                .newFailCommand(job.getKey())
                .retries(retries)
                .retryBackoff(backoff)
                .errorMessage(reason)
                .send());
    if (retries == 0) {
      tracking.stepStopped(step, job.getKey(), reason);
    }
  }

  /**
   * The journey's end listener: the instance ended on its own (its last node, or a goal reached).
   */
  void ended(ActivatedJob job) {
    transactions.executeWithoutResult(
        status ->
            tracking.instanceCompleted(
                new Tracking.Node(
                    job.getProcessInstanceKey(),
                    job.getProcessInstanceKey(),
                    job.getProcessDefinitionKey(),
                    job.getBpmnProcessId(),
                    job.getProcessDefinitionVersion(),
                    job.getBpmnProcessId(),
                    "PROCESS")));
    commands.execute(
        "report the end of journey instance " + job.getProcessInstanceKey(),
        () -> client.newCompleteCommand(job.getKey()).send());
  }

  private static Tracking.Node node(ActivatedJob job, String type) {
    return new Tracking.Node(
        job.getElementInstanceKey(),
        job.getProcessInstanceKey(),
        job.getProcessDefinitionKey(),
        job.getBpmnProcessId(),
        job.getProcessDefinitionVersion(),
        job.getElementId(),
        type);
  }

  private Step toStep(ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object contact = variables.get("contactId");
    if (contact == null) {
      throw new IllegalStateException(
          "journey instance " + job.getProcessInstanceKey() + " has no contactId");
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
        Outcomes.withoutCairnVariables(variables),
        job.getRetries());
  }
}
