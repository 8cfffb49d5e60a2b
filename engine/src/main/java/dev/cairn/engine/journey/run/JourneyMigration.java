package dev.cairn.engine.journey.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Moves contacts running on older versions of a journey to its latest version, node for node (see
 * {@link NodeMapping}). A contact at a node the latest version no longer has stays on its version,
 * and the report says where and why. Steps that had stopped (an incident) start again with the new
 * version's settings, which is how a broken step is mended for those already there. The engine's
 * own migration moves each contact, at a step or at a wait alike: a contact at a wait keeps the
 * moment it waits until.
 */
@Service
public class JourneyMigration {

  private static final Logger log = LoggerFactory.getLogger(JourneyMigration.class);

  /** Contacts on one older version, and the nodes some of them are at that the latest lacks. */
  public record OlderVersion(int version, int contacts, List<String> nodesNotInLatest) {
    public OlderVersion {
      nodesNotInLatest = List.copyOf(nodesNotInLatest);
    }
  }

  /** Who would move: contacts per older version. */
  public record Preview(int latestVersion, List<OlderVersion> older) {
    public Preview {
      older = List.copyOf(older);
    }

    public int contacts() {
      return older.stream().mapToInt(OlderVersion::contacts).sum();
    }
  }

  /** What moving did: how many moved, and why the others stayed (reason → how many). */
  public record Outcome(int latestVersion, int moved, Map<String, Integer> stayed) {
    public Outcome {
      stayed = Map.copyOf(stayed);
    }
  }

  /** How far a move has come: contacts handled so far, of those it found to move. */
  public record MoveProgress(int done, int total) {}

  /** Asked to move a journey's contacts while a move of them is already under way. */
  public static final class MoveUnderWayException extends IllegalStateException {
    MoveUnderWayException(String journeyId, MoveProgress progress) {
      super(
          "Contacts of \""
              + journeyId
              + "\" are being moved already ("
              + progress.done()
              + " of "
              + progress.total()
              + " so far); wait for that move to finish, then move any that are left.");
    }
  }

  private record Latest(int version, long processDefinitionKey, String xml) {}

  /** Where moving one contact left them. */
  private sealed interface Result {
    record Moved() implements Result {}

    /** Still on its version, for this reason (in a marketer's words). */
    record Stayed(String reason) implements Result {}
  }

  private record Running(long processInstanceKey, int version) {}

  private final JdbcClient jdbc;
  private final JourneyEngine engine;
  private final MoveRuns runs;

  JourneyMigration(JdbcClient jdbc, JourneyEngine engine, MoveRuns runs) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.runs = runs;
  }

  public Optional<Preview> preview(String journeyId) {
    return latest(journeyId)
        .map(
            latest -> {
              List<OlderVersion> older = new ArrayList<>();
              for (Map.Entry<Integer, List<Running>> version :
                  olderRunning(journeyId, latest.version()).entrySet()) {
                Map<String, String> mapping =
                    NodeMapping.between(xmlOf(journeyId, version.getKey()), latest.xml());
                List<String> unmapped =
                    activeNodes(journeyId, version.getKey()).stream()
                        .filter(node -> !mapping.containsKey(node))
                        .toList();
                older.add(new OlderVersion(version.getKey(), version.getValue().size(), unmapped));
              }
              return new Preview(latest.version(), older);
            });
  }

  /** How far the move of this journey's contacts has come, while one is under way on any Cairn. */
  public Optional<MoveProgress> underWay(String journeyId) {
    return runs.underWay(journeyId);
  }

  /**
   * Moves every contact it can to the latest version; those the engine refuses stay where they are.
   */
  public Outcome moveToLatest(String journeyId) {
    return moveToLatest(journeyId, progress -> {});
  }

  /**
   * Moves every contact it can to the latest version, telling {@code progress} after each contact.
   * Those the engine refuses stay where they are.
   *
   * @throws MoveUnderWayException when this journey's contacts are being moved already, here or by
   *     another Cairn sharing the database
   */
  public Outcome moveToLatest(String journeyId, Consumer<MoveProgress> progress) {
    Latest latest =
        latest(journeyId)
            .orElseThrow(
                () -> new IllegalArgumentException("\"" + journeyId + "\" was never published."));
    try (MoveRuns.Claim claim =
        runs.claim(journeyId)
            .orElseThrow(
                () ->
                    new MoveUnderWayException(
                        journeyId, runs.underWay(journeyId).orElse(new MoveProgress(0, 0))))) {
      Consumer<MoveProgress> recorded = claim::progress;
      return move(journeyId, latest, recorded.andThen(progress));
    }
  }

  private Outcome move(String journeyId, Latest latest, Consumer<MoveProgress> progress) {
    Map<Integer, List<Running>> running = olderRunning(journeyId, latest.version());
    Tally tally = new Tally(running.values().stream().mapToInt(List::size).sum(), progress);
    tally.report();
    List<Future<?>> moves = new ArrayList<>();
    // Each move waits on the engine and the database in turn, so a few at once keep both busy.
    try (ExecutorService movers =
        Executors.newFixedThreadPool(MOVERS, Thread.ofVirtual().name("cairn-move-", 0).factory())) {
      for (Map.Entry<Integer, List<Running>> version : running.entrySet()) {
        String olderXml = xmlOf(journeyId, version.getKey());
        Map<String, String> mapping = NodeMapping.between(olderXml, latest.xml());
        Map<String, String> names = NodeMapping.names(olderXml);
        for (Running contact : version.getValue()) {
          moves.add(
              movers.submit(() -> tally.add(moveOne(journeyId, latest, contact, mapping, names))));
        }
      }
    }
    for (Future<?> move : moves) {
      try {
        move.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException cause
            ? cause
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while moving contacts", e);
      }
    }
    log.info(
        "Journey {}: {} contacts moved to version {}, {} stayed",
        journeyId,
        tally.moved,
        latest.version(),
        tally.stayed);
    return new Outcome(latest.version(), tally.moved, tally.stayed);
  }

  /** How many contacts are moved at the same time. */
  private static final int MOVERS = 4;

  /** What a move has done so far, told to whoever follows it after every contact. */
  private static final class Tally {
    private final int total;
    private final Consumer<MoveProgress> progress;
    private int done;
    private int moved;
    private final Map<String, Integer> stayed = new TreeMap<>();

    Tally(int total, Consumer<MoveProgress> progress) {
      this.total = total;
      this.progress = progress;
    }

    synchronized void add(Result contact) {
      switch (contact) {
        case Result.Moved ignored -> moved++;
        case Result.Stayed why -> stayed.merge(why.reason(), 1, Integer::sum);
      }
      done++;
      report();
    }

    synchronized void report() {
      progress.accept(new MoveProgress(done, total));
    }
  }

  /** Moves one contact through the engine's migration, node for node. */
  private Result moveOne(
      String journeyId,
      Latest latest,
      Running contact,
      Map<String, String> mapping,
      Map<String, String> names) {
    List<String> active = activeNodesOf(contact.processInstanceKey());
    Optional<String> missing =
        active.stream().filter(node -> !mapping.containsKey(node)).findFirst();
    if (missing.isPresent()) {
      return new Result.Stayed(
          "\"" + names.getOrDefault(missing.get(), missing.get()) + "\" is not in the new version");
    }
    return switch (engine.migrate(
        contact.processInstanceKey(), journeyId, latest.version(), Set.copyOf(active))) {
      case JourneyEngine.Migration.Migrated migrated -> {
        jdbc.sql("update enrollment set version = :version where process_instance_key = :instance")
            .param("version", latest.version())
            .param("instance", contact.processInstanceKey())
            .update();
        restartStoppedSteps(contact.processInstanceKey());
        yield new Result.Moved();
      }
      case JourneyEngine.Migration.Refused refused ->
          new Result.Stayed(inWords(refused.reason(), names));
      case JourneyEngine.Migration.Ended ended ->
          new Result.Stayed("they finished the journey while the move was under way");
    };
  }

  private static final Pattern UNSUPPORTED =
      Pattern.compile(
          "active element with id '([^']+)' has an unsupported type\\. The migration of an? ([A-Z_]+) is not supported");

  /**
   * The engine's refusal in a marketer's words where Cairn knows it; the engine's own otherwise.
   */
  static String inWords(String refusal, Map<String, String> names) {
    Matcher unsupported = UNSUPPORTED.matcher(refusal);
    if (!unsupported.find()) {
      return refusal;
    }
    String kind =
        switch (unsupported.group(2)) {
          case "INTERMEDIATE_CATCH_EVENT" -> "a wait";
          case "EVENT_BASED_GATEWAY" -> "a wait for an event";
          case "EXCLUSIVE_GATEWAY" -> "a branch";
          default -> unsupported.group(2).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    return "the engine cannot move contacts while they are at \""
        + names.getOrDefault(unsupported.group(1), unsupported.group(1))
        + "\" ("
        + kind
        + ") together with another node; they finish on the version they are on";
  }

  /** A step that stopped on the old version's settings gets a fresh try with the new version's. */
  private void restartStoppedSteps(long processInstanceKey) {
    jdbc.sql(
            """
            select distinct i.job_key from incident i
            join element_instance ei on ei.element_instance_key = i.element_instance_key
            where i.process_instance_key = :instance and i.state = 'OPEN' and ei.state = 'ACTIVE'
            """)
        .param("instance", processInstanceKey)
        .query((rs, row) -> rs.getLong("job_key"))
        .list()
        .forEach(engine::retryStep);
  }

  private List<String> activeNodesOf(long processInstanceKey) {
    return jdbc.sql(
            """
            select distinct element_id from element_instance
            where process_instance_key = :instance and state = 'ACTIVE' and element_instance_key <> :instance
              and element_type <> 'SEQUENCE_FLOW'
            """)
        .param("instance", processInstanceKey)
        .query(String.class)
        .list();
  }

  private Optional<Latest> latest(String journeyId) {
    return jdbc.sql(
            "select version, process_definition_key, deployed_xml from journey_version where journey_id = :id order by version desc limit 1")
        .param("id", journeyId)
        .query(
            (rs, row) ->
                new Latest(
                    rs.getInt("version"),
                    rs.getLong("process_definition_key"),
                    rs.getString("deployed_xml")))
        .optional();
  }

  private String xmlOf(String journeyId, int version) {
    return jdbc.sql(
            "select deployed_xml from journey_version where journey_id = :id and version = :version")
        .param("id", journeyId)
        .param("version", version)
        .query(String.class)
        .single();
  }

  private Map<Integer, List<Running>> olderRunning(String journeyId, int latestVersion) {
    Map<Integer, List<Running>> byVersion = new TreeMap<>();
    jdbc.sql(
            """
            select e.process_instance_key, e.version from enrollment e
            join element_instance p on p.element_instance_key = e.process_instance_key
            where e.journey_id = :journey and e.version < :latest and p.state = 'ACTIVE'
            order by e.version, e.started_at
            """)
        .param("journey", journeyId)
        .param("latest", latestVersion)
        .query((rs, row) -> new Running(rs.getLong("process_instance_key"), rs.getInt("version")))
        .list()
        .forEach(
            running ->
                byVersion.computeIfAbsent(running.version(), v -> new ArrayList<>()).add(running));
    return byVersion;
  }

  /** The nodes contacts on this version are at now. */
  private List<String> activeNodes(String journeyId, int version) {
    return jdbc.sql(
            """
            select distinct ei.element_id from enrollment e
            join element_instance ei on ei.process_instance_key = e.process_instance_key
            where e.journey_id = :journey and e.version = :version and ei.state = 'ACTIVE'
              and ei.element_instance_key <> e.process_instance_key and ei.element_type <> 'SEQUENCE_FLOW'
            order by ei.element_id
            """)
        .param("journey", journeyId)
        .param("version", version)
        .query(String.class)
        .list();
  }
}
