package dev.cairn.engine.journey;

import dev.cairn.engine.journey.check.Problem;
import dev.cairn.engine.journey.compile.CompileResult;
import dev.cairn.engine.journey.compile.CompiledJourney;
import dev.cairn.engine.journey.compile.DiagramSyntax;
import dev.cairn.engine.journey.compile.JourneyCompiler;
import dev.cairn.engine.journey.language.EntryRule;
import dev.cairn.engine.journey.language.EntrySchedule;
import dev.cairn.engine.journey.language.EventFilter;
import dev.cairn.engine.journey.run.JourneyEngine;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The journeys of this workspace: what exists, what runs, and publishing new versions. */
@Service
public class Journeys {

  private static final Logger log = LoggerFactory.getLogger(Journeys.class);

  private final JourneyRepository repository;
  private final JourneyCompiler compiler;
  private final JourneyEngine engine;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, Map<String, String>> elementNamesByVersion = new ConcurrentHashMap<>();

  Journeys(
      JourneyRepository repository,
      JourneyCompiler compiler,
      JourneyEngine engine,
      JdbcClient jdbc,
      Clock clock) {
    this.repository = repository;
    this.compiler = compiler;
    this.engine = engine;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<JourneySummary> list() {
    return repository.findAllByOrderByName().stream().map(this::summary).toList();
  }

  @Transactional(readOnly = true)
  public Optional<JourneyDetail> find(String id) {
    return repository.findById(id).map(this::detail);
  }

  /** Adds a journey as a draft unless one with its id exists; returns whether it was added. */
  @Transactional
  public boolean addIfAbsent(
      String id, String name, @Nullable String description, String sourceXml) {
    if (repository.existsById(id)) {
      return false;
    }
    repository.save(new Journey(id, name, description, sourceXml, clock.instant()));
    return true;
  }

  /**
   * Replaces the journey's diagram (drawn in Camunda Modeler, say) and, when no journey has the
   * diagram's process id, adds it as a new draft. Contacts inside go on with what they run now; the
   * new diagram runs from the next publication. A file that is not a journey diagram, or whose
   * process id belongs to another journey, is refused and nothing changes.
   */
  @Transactional
  public Revision saveDiagram(@Nullable String journeyId, String xml) {
    String processId;
    String name;
    try {
      BpmnModelInstance model =
          Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Collection<Process> processes = model.getModelElementsByType(Process.class);
      if (processes.size() != 1) {
        return new Revision.Refused(
            "The file holds "
                + processes.size()
                + " processes; a journey diagram holds exactly one.");
      }
      var process = processes.iterator().next();
      processId = process.getId();
      name =
          process.getName() == null || process.getName().isBlank() ? processId : process.getName();
    } catch (RuntimeException e) {
      return new Revision.Refused(
          "This is not a BPMN diagram Cairn can read: "
              + DiagramSyntax.explain(xml, e).getFirst().message());
    }
    if (journeyId != null && !journeyId.equals(processId)) {
      return new Revision.Refused(
          "The diagram's process id is \""
              + processId
              + "\", but this journey's is \""
              + journeyId
              + "\"; set the process id back to \""
              + journeyId
              + "\" in the diagram, or add it as a new journey.");
    }
    if (processId.endsWith(JourneyCompiler.TEST_RUN_SUFFIX)) {
      return new Revision.Refused(
          "A process id may not end in \""
              + JourneyCompiler.TEST_RUN_SUFFIX
              + "\"; Cairn uses that for test runs.");
    }
    Optional<Journey> existing = repository.findById(processId);
    if (journeyId == null && existing.isPresent()) {
      return new Revision.Refused(
          "A journey with the process id \""
              + processId
              + "\" exists (\""
              + existing.get().name()
              + "\"); open it to replace its diagram, or change the process id.");
    }
    if (existing.isPresent()) {
      existing.get().revise(xml, clock.instant());
    } else {
      repository.save(new Journey(processId, name, null, xml, clock.instant()));
    }
    List<Problem> problems =
        switch (compiler.compile(xml)) {
          case CompileResult.Rejected rejected -> rejected.problems();
          case CompileResult.Compiled compiled -> List.of();
        };
    return new Revision.Saved(processId, problems);
  }

  /** The diagram as last saved, which is what the next publication deploys. */
  @Transactional(readOnly = true)
  public Optional<String> sourceOf(String id) {
    return repository.findById(id).map(Journey::sourceXml);
  }

  /** A draft that has never run: no version of it was ever deployed. */
  @Transactional(readOnly = true)
  public boolean neverPublished(String id) {
    return repository
            .findById(id)
            .map(journey -> journey.status() == JourneyStatus.DRAFT)
            .orElse(false)
        && jdbc.sql("select not exists(select 1 from journey_version where journey_id = :id)")
            .param("id", id)
            .query(Boolean.class)
            .single();
  }

  /**
   * Compiles the journey and deploys it to the engine. Deploying an unchanged journey again keeps
   * its version, so this is safe to repeat (Cairn does so at every start, on every replica).
   */
  @Transactional
  public PublishResult publish(String id) {
    // Replicas starting together publish the same journeys: one at a time, so the later one finds
    // the version the first deployed and keeps it.
    jdbc.sql("select pg_advisory_xact_lock(hashtext('cairn.publish:' || :id))")
        .param("id", id)
        .query()
        .rowSet();
    Optional<Journey> found = repository.findById(id);
    if (found.isEmpty()) {
      return new PublishResult.NotFound(id);
    }
    Journey journey = found.get();
    return switch (compiler.compile(journey.sourceXml())) {
      case CompileResult.Rejected rejected -> new PublishResult.Rejected(id, rejected.problems());
      case CompileResult.Compiled compiled -> deploy(journey, compiled.journey());
    };
  }

  /**
   * Deploys the journey's diagram as it is now (a draft too) as its test-run process. Nothing about
   * the journey changes: no version is recorded, no contact enters it, its status stays.
   */
  @Transactional
  public TestDeployment deployTestRun(String id) {
    return deployTestRun(id, null);
  }

  /**
   * Deploys this diagram of the journey (the designer's draft of a published journey) as its
   * test-run process, or the journey's own diagram when none is given; what runs is untouched.
   */
  @Transactional
  public TestDeployment deployTestRun(String id, @Nullable String draftXml) {
    Optional<Journey> found = repository.findById(id);
    if (found.isEmpty()) {
      return new TestDeployment.NotFound(id);
    }
    return switch (compiler.compileTestRun(draftXml == null ? found.get().sourceXml() : draftXml)) {
      case CompileResult.Rejected rejected -> new TestDeployment.Rejected(id, rejected.problems());
      case CompileResult.Compiled compiled
          when !compiled.journey().id().equals(id + JourneyCompiler.TEST_RUN_SUFFIX) ->
          new TestDeployment.Rejected(id, List.of(processIdChanged(id)));
      case CompileResult.Compiled compiled -> {
        CompiledJourney test = compiled.journey();
        yield switch (engine.deploy(test.id(), test.executableXml())) {
          case JourneyEngine.Deployment.Refused refused ->
              new TestDeployment.Rejected(id, refusals(refused));
          case JourneyEngine.Deployment.Done done ->
              new TestDeployment.Deployed(
                  id,
                  test.id(),
                  done.deployed().version(),
                  test.triggerEvent(),
                  test.awaitedEvents());
        };
      }
    };
  }

  /**
   * Pauses a running journey (no new contacts; those inside go on) or resumes a paused one. A draft
   * or stopped journey is published instead.
   */
  @Transactional
  public JourneyStatus setPaused(String id, boolean paused) {
    Journey journey =
        repository.findById(id).orElseThrow(() -> new IllegalArgumentException("No journey " + id));
    JourneyStatus from = journey.status();
    if (from != JourneyStatus.PUBLISHED && from != JourneyStatus.PAUSED) {
      throw new IllegalStateException(
          "\""
              + journey.name()
              + "\" is "
              + from.name().toLowerCase(java.util.Locale.ROOT)
              + "; publish it first.");
    }
    journey.changeStatus(paused ? JourneyStatus.PAUSED : JourneyStatus.PUBLISHED, clock.instant());
    return journey.status();
  }

  /** Marks a journey stopped; taking its contacts out is the runtime's part. */
  @Transactional
  public void markStopped(String id) {
    repository
        .findById(id)
        .ifPresent(journey -> journey.changeStatus(JourneyStatus.STOPPED, clock.instant()));
  }

  /** Published journeys a contact enters when this event arrives. */
  @Transactional(readOnly = true)
  public List<String> triggeredBy(String eventName) {
    return jdbc.sql(
            "select id from journey where status = 'PUBLISHED' and trigger_event = :event order by id")
        .param("event", eventName)
        .query(String.class)
        .list();
  }

  /** Whether an event's properties pass the journey's trigger filter ({@code plan=Pro}). */
  @Transactional(readOnly = true)
  public boolean triggerAccepts(String journeyId, Map<String, Object> properties) {
    return repository
        .findById(journeyId)
        .map(journey -> new EventFilter(journey.triggerFilter()).accepts(properties))
        .orElse(false);
  }

  /** Who may enter the journey again, as last published. */
  @Transactional(readOnly = true)
  public EntryRule entryRule(String journeyId) {
    return repository.findById(journeyId).map(Journey::entryRule).orElse(EntryRule.DEFAULT);
  }

  /** A running journey contacts enter on a schedule, and since when that schedule counts. */
  public record Scheduled(String journeyId, EntrySchedule schedule, Instant since) {}

  /**
   * Running journeys with a schedule trigger; firings before their latest publication do not count.
   */
  @Transactional(readOnly = true)
  public List<Scheduled> scheduled() {
    return repository.findByStatus(JourneyStatus.PUBLISHED).stream()
        .filter(journey -> journey.schedule() != null)
        .map(
            journey ->
                new Scheduled(
                    journey.id(),
                    journey.schedule(),
                    jdbc.sql("select max(deployed_at) from journey_version where journey_id = :id")
                        .param("id", journey.id())
                        .query(Timestamp.class)
                        .optional()
                        .map(Timestamp::toInstant)
                        .orElse(clock.instant())))
        .toList();
  }

  @Transactional(readOnly = true)
  public List<String> publishedIds() {
    return repository.findByStatus(JourneyStatus.PUBLISHED).stream().map(Journey::id).toList();
  }

  private PublishResult deploy(Journey journey, CompiledJourney compiled) {
    if (!compiled.id().equals(journey.id())) {
      return new PublishResult.Rejected(journey.id(), List.of(processIdChanged(journey.id())));
    }
    JourneyEngine.Deployed process;
    switch (engine.deploy(journey.id(), compiled.executableXml())) {
      case JourneyEngine.Deployment.Refused refused -> {
        return new PublishResult.Rejected(journey.id(), refusals(refused));
      }
      case JourneyEngine.Deployment.Done done -> process = done.deployed();
    }
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into journey_version
                (journey_id, version, process_definition_key, deployed_xml, awaited_events, deployed_at, correlation)
            values (:journey, :version, :key, :xml, :awaited, :now, :correlation)
            on conflict do nothing
            """)
        .param("journey", journey.id())
        .param("version", process.version())
        .param("key", process.definitionKey())
        .param("xml", compiled.executableXml())
        .param("awaited", compiled.awaitedEvents().toArray(String[]::new))
        .param("now", Timestamp.from(now))
        .param("correlation", WaitCorrelation.BY_JOURNEY)
        .update();
    journey.published(compiled, now);
    log.info("Journey {} runs as version {}", journey.id(), process.version());
    return new PublishResult.Published(journey.id(), process.version(), process.definitionKey());
  }

  /** What the engine refused, on the elements it names: Cairn's checks passed, so this is rare. */
  private static List<Problem> refusals(JourneyEngine.Deployment.Refused refused) {
    return refused.reasons().stream()
        .map(
            reason ->
                new Problem(
                    reason.elementId(),
                    "The engine would refuse this journey: " + reason.message()))
        .toList();
  }

  private static Problem processIdChanged(String journeyId) {
    return new Problem(
        null,
        "The process id must stay \""
            + journeyId
            + "\" for this journey; change it back in the diagram.");
  }

  private JourneySummary summary(Journey journey) {
    Integer latest =
        jdbc.sql("select max(version) from journey_version where journey_id = :id")
            .param("id", journey.id())
            .query(Integer.class)
            .optional()
            .orElse(null);
    return new JourneySummary(
        journey.id(),
        journey.name(),
        journey.description(),
        journey.status(),
        journey.triggerEvent(),
        latest,
        journey.hasUnpublishedChanges());
  }

  private JourneyDetail detail(Journey journey) {
    JourneySummary summary = summary(journey);
    String xml =
        jdbc.sql(
                "select deployed_xml from journey_version where journey_id = :id order by version desc limit 1")
            .param("id", journey.id())
            .query(String.class)
            .optional()
            .orElse(journey.sourceXml());
    // A deployed version never changes, so its element names are worth keeping; drafts are read
    // anew.
    Map<String, String> names =
        summary.latestVersion() == null
            ? JourneyCompiler.elementNames(xml)
            : elementNamesByVersion.computeIfAbsent(
                journey.id() + "@" + summary.latestVersion(),
                key -> JourneyCompiler.elementNames(xml));
    return new JourneyDetail(summary, xml, names);
  }
}
