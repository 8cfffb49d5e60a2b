package dev.cairn.ui.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resident memory of a Cairn and the PostgreSQL it started, from {@code /proc/<pid>/status}
 * (VmRSS). PostgreSQL's processes share its buffers, so their summed RSS counts those more than
 * once; the proportional figure (PSS, from {@code smaps_rollup}) counts them once.
 */
final class ProcessMemory {

  /**
   * Megabytes: the JVM's RSS, PostgreSQL's summed RSS and PSS, over how many postgres processes.
   */
  record Footprint(
      double jvmRssMb, double postgresRssMb, double postgresPssMb, int postgresProcesses) {
    /**
     * The memory Cairn and its PostgreSQL hold together: the JVM's RSS plus PostgreSQL's PSS, so
     * pages its processes share (the buffer cache) are counted once, not once per connection.
     */
    double totalMb() {
      return jvmRssMb + postgresPssMb;
    }
  }

  private ProcessMemory() {}

  static Footprint of(long jvmPid, Path postgresDataDir) {
    List<Long> postgres = postgresPids(postgresDataDir);
    double rss = 0;
    double pss = 0;
    for (long pid : postgres) {
      rss += kb(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
      pss += kb(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }
    return new Footprint(
        kb(Path.of("/proc", Long.toString(jvmPid), "status"), "VmRSS:") / 1024,
        rss / 1024,
        pss / 1024,
        postgres.size());
  }

  /** The postmaster named in the data directory's pid file and every process it forked. */
  static List<Long> postgresPids(Path postgresDataDir) {
    Optional<Long> postmaster = postmaster(postgresDataDir);
    List<Long> pids = new ArrayList<>();
    postmaster
        .flatMap(ProcessHandle::of)
        .ifPresent(
            handle -> {
              pids.add(handle.pid());
              handle.descendants().forEach(child -> pids.add(child.pid()));
            });
    return pids;
  }

  static Optional<Long> postmaster(Path postgresDataDir) {
    try {
      Path pidFile = postgresDataDir.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static double kb(Path file, String field) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(field)) {
          return Double.parseDouble(line.substring(field.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended meanwhile (a backend that finished): it holds nothing
    }
    return 0;
  }
}
