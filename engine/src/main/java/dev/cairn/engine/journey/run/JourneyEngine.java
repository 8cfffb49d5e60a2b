package dev.cairn.engine.journey.run;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The BPMN engine journeys run on. Everything outside the engine's adapter reaches the engine
 * through this port, so the adapter (embedded Operaton by default) is the only code that knows the
 * engine's API. Keys are the engine's identifiers as numbers; every call joins the caller's
 * transaction when there is one, so a contact's enrolment and their journey instance are written
 * together or not at all.
 */
public interface JourneyEngine {

  /** A journey version the engine runs: its definition key and version number. */
  record Deployed(long definitionKey, int version) {}

  /** The engine would not deploy the journey, for these reasons (in its words, per element). */
  record Refusal(@Nullable String elementId, String message) {}

  /** What deploying a journey version came to. */
  sealed interface Deployment {
    record Done(Deployed deployed) implements Deployment {}

    record Refused(List<Refusal> reasons) implements Deployment {
      public Refused {
        reasons = List.copyOf(reasons);
      }
    }
  }

  /** A journey instance the engine started. */
  record Started(long processInstanceKey, long definitionKey, int version) {}

  /** The outcome of moving one instance to another version. */
  sealed interface Migration {
    record Migrated() implements Migration {}

    /** The engine kept the instance where it was, for this reason (in its words). */
    record Refused(String reason) implements Migration {}

    /** The instance had ended (the contact finished the journey) before it could be moved. */
    record Ended() implements Migration {}
  }

  /**
   * Deploys the compiled journey as a version of {@code processId}; deploying what the latest
   * version already is keeps that version.
   */
  Deployment deploy(String processId, String executableXml);

  /**
   * Starts the latest version of {@code processId}; events for its waits arrive under {@code
   * correlationKey}.
   */
  Started start(String processId, String correlationKey, Map<String, Object> variables);

  /** Starts one particular version (a test run's). */
  Started start(
      String processId, int version, String correlationKey, Map<String, Object> variables);

  /**
   * Hands an event to every instance waiting for {@code messageName} under {@code correlationKey},
   * with these variables; returns how many took it.
   */
  int correlate(String messageName, String correlationKey, Map<String, Object> variables);

  /** Ends the instance, its contact leaving the journey; false if it had ended already. */
  boolean cancel(long processInstanceKey, String reason);

  /**
   * Moves the instance to version {@code targetVersion} of its journey, every node in {@code nodes}
   * to the node of the same id there; waits keep their due times, and where the contact is
   * (tracking) follows. The engine refuses, and changes nothing, when the instance is at a node it
   * cannot map.
   */
  Migration migrate(
      long processInstanceKey, String processId, int targetVersion, Set<String> nodes);

  /**
   * Gives a stopped step its retries back, so it is tried again; false if it is not stopped any
   * more.
   */
  boolean retryStep(long stepKey);

  /** Starts performing steps and firing timers: called once journeys are deployed. */
  void startWork();

  /** Stops performing steps, letting those under way finish. */
  void stopWork();
}
