package dev.cairn.engine.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process Cairn started and recorded in a pid file. If Cairn itself was killed outright, the
 * process outlives it; the next start finds it through the pid file and ends it before starting a
 * new one, so no orphan holds the ports or the data directory.
 */
public final class OwnedProcess {

  private static final Logger log = LoggerFactory.getLogger(OwnedProcess.class);

  private OwnedProcess() {}

  /** Records that {@code process} belongs to Cairn. */
  public static void record(Path pidFile, ProcessHandle process) {
    try {
      Files.createDirectories(pidFile.getParent());
      Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pidFile, e);
    }
  }

  public static void forget(Path pidFile) {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.warn("Could not remove {}: {}", pidFile, e.getMessage());
    }
  }

  /**
   * Ends the process a pid file names if it is still alive and is what we expect (the pid may have
   * been reused by an unrelated process since). Returns whether one was ended.
   */
  public static boolean endLeftover(
      Path pidFile, String what, Predicate<String> isExpected, Signal signal) {
    Optional<ProcessHandle> leftover =
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (leftover.isEmpty() || !isExpected.test(commandLine(leftover.get()))) {
      return false;
    }
    ProcessHandle process = leftover.get();
    log.warn(
        "Ending the {} (pid {}) left running by an earlier Cairn that did not stop cleanly",
        what,
        process.pid());
    signal.send(process);
    if (!awaitExit(process, Duration.ofSeconds(30))) {
      log.warn("The {} (pid {}) did not stop in time; killing it", what, process.pid());
      process.destroyForcibly();
      awaitExit(process, Duration.ofSeconds(10));
    }
    forget(pidFile);
    return true;
  }

  /** What the process's command line says, or "" when the system does not tell. */
  public static String commandLine(ProcessHandle process) {
    try {
      // /proc shows arguments even where ProcessHandle.Info hides them.
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | UnsupportedOperationException e) {
      return process.info().commandLine().orElse("");
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String first =
          Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
              .findFirst()
              .orElse("")
              .strip();
      return Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration patience) {
    try {
      process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return !process.isAlive();
    }
  }

  /** How to ask a leftover process to stop. */
  public enum Signal {
    /** SIGTERM: the process's own orderly shutdown. */
    TERMINATE {
      @Override
      void send(ProcessHandle process) {
        process.destroy();
      }
    },
    /** SIGINT: for PostgreSQL a fast shutdown that does not wait for clients. */
    INTERRUPT {
      @Override
      void send(ProcessHandle process) {
        try {
          new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
              .start()
              .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
          process.destroy();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };

    abstract void send(ProcessHandle process);
  }
}
