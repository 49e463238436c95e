package org.sensoragent.agent.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall-clock alignment arithmetic: a sensor is due when the latest multiple of its interval (since
 * the epoch) lies after the boundary it was last read at. Pure functions of epoch milliseconds.
 */
final class Schedule {

  private Schedule() {}

  /** The latest multiple of {@code intervalMillis} at or before {@code epochMillis}. */
  static long floor(long epochMillis, long intervalMillis) {
    return Math.floorDiv(epochMillis, intervalMillis) * intervalMillis;
  }

  /**
   * The workers due at {@code nowMillis}: those whose latest boundary is the one after their last
   * read. A clock that went back by more than an interval restarts the worker's schedule from now
   * (the clock watch warns about it); a smaller step back waits for the next boundary rather than
   * repeat a reading's time; a step forward past whole boundaries waits for the next one.
   */
  static List<SensorWorker> due(List<SensorWorker> workers, long nowMillis) {
    List<SensorWorker> due = new ArrayList<>();
    for (SensorWorker worker : workers) {
      rebase(worker, nowMillis);
      if (floor(nowMillis, worker.intervalMillis) > worker.lastBoundaryMillis) {
        due.add(worker);
      }
    }
    return due;
  }

  /** How long from {@code nowMillis} until the next worker is due; zero if one is due now. */
  static Duration untilNextDue(List<SensorWorker> workers, long nowMillis) {
    long soonest = Long.MAX_VALUE;
    for (SensorWorker worker : workers) {
      rebase(worker, nowMillis);
      long next = worker.lastBoundaryMillis + worker.intervalMillis;
      soonest = Math.min(soonest, Math.max(0, next - nowMillis));
    }
    return Duration.ofMillis(soonest);
  }

  private static void rebase(SensorWorker worker, long nowMillis) {
    long floor = floor(nowMillis, worker.intervalMillis);
    if (floor < worker.lastBoundaryMillis - worker.intervalMillis) {
      worker.lastBoundaryMillis = floor - worker.intervalMillis;
    } else if (floor > worker.lastBoundaryMillis + worker.intervalMillis) {
      // Whole boundaries were missed: the clock stepped forward (NTP) or the host stalled. Reading
      // now would stamp a time up to an interval old, possibly before a re-stamped reading of the
      // same sensor; wait for the next boundary instead.
      worker.lastBoundaryMillis = floor;
    }
  }
}
