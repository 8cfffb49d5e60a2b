package dev.cairn.engine.journey.run.operaton;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Cairn runs its embedded engine.
 *
 * @param stepThreads steps performed at the same time (they wait on SMTP servers and SMS providers)
 * @param stepLock how long a replica holds a step it took before another may take it (a replica
 *     that died mid-step is taken over after this)
 * @param idlePoll how often an idle replica looks for steps and timers other replicas made due
 * @param nodeName this replica's name in the engine's locks; unique per replica
 */
@ConfigurationProperties("cairn.engine")
public record EngineProperties(
    int stepThreads,
    @Nullable Duration stepLock,
    @Nullable Duration idlePoll,
    @Nullable String nodeName) {

  public EngineProperties {
    stepThreads = stepThreads <= 0 ? 16 : stepThreads;
    stepLock = stepLock == null ? Duration.ofMinutes(1) : stepLock;
    idlePoll = idlePoll == null ? Duration.ofMillis(500) : idlePoll;
  }

  String lockOwner() {
    if (nodeName != null && !nodeName.isBlank()) {
      return nodeName.strip();
    }
    return ProcessHandle.current().pid() + "@" + hostName();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "cairn";
    }
  }
}
