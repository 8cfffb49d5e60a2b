package dev.cairn.ui.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;

/** Small arithmetic and waiting every benchmark uses. */
final class Bench {

  private Bench() {}

  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The {@code percent}th percentile (nearest rank) of the values, in the values' unit. */
  static double percentile(List<? extends Number> values, double percent) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).toList());
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Polls until {@code done}, or fails after {@code timeout} saying what was awaited. */
  static void await(String what, Duration timeout, BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not within " + timeout);
      }
      sleep(Duration.ofMillis(50));
    }
  }

  /**
   * Waits until {@code arrival} knows a moment (nanoTime) for every key; returns the latest, or
   * fails after {@code timeout} saying how many are missing.
   */
  static long awaitAll(
      String what, Collection<String> keys, Function<String, Long> arrival, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long latest = 0;
      int missing = 0;
      for (String key : keys) {
        Long at = arrival.apply(key);
        if (at == null) {
          missing++;
        } else {
          latest = Math.max(latest, at);
        }
      }
      if (missing == 0) {
        return latest;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            what + ": " + missing + " of " + keys.size() + " missing after " + timeout);
      }
      sleep(Duration.ofMillis(20));
    }
  }

  /**
   * Calls {@code send} for 0..count-1 at a steady {@code perSecond}, each call on a thread of its
   * own so a slow answer never holds back the next (an open load, as real traffic is); returns when
   * each call started (nanoTime).
   */
  static long[] paced(double perSecond, int count, IntConsumer send) {
    long[] sentAt = new long[count];
    long period = (long) (1e9 / perSecond);
    long start = System.nanoTime();
    List<Future<?>> calls = new ArrayList<>();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        long due = start + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        int call = i;
        calls.add(
            senders.submit(
                () -> {
                  sentAt[call] = System.nanoTime();
                  send.accept(call);
                }));
      }
      all(calls);
    }
    return sentAt;
  }

  static void all(List<? extends Future<?>> futures) {
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException cause
            ? cause
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
