package org.sensoragent.agent.forward;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import org.sensoragent.agent.Reading;

/**
 * The newest stored readings, handed over by the sampler so the forwarder sends them before the
 * backlog. Bounded: when full the oldest are dropped from the lane only — they stay in the queue
 * and go out with the backlog. Thread-safe: the sampler offers, the forwarder takes and waits.
 */
final class LiveLane {

  private final int capacity;
  private final Deque<Reading> readings = new ArrayDeque<>();
  private boolean woken;

  /** @param capacity readings held at most, at least 1 */
  LiveLane(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  /** Adds one stored round (readings with sequence numbers); never blocks for long. */
  synchronized void offer(List<Reading> round) {
    readings.addAll(round);
    while (readings.size() > capacity) {
      readings.removeFirst();
    }
    notifyAll();
  }

  /** Removes and returns up to {@code max} readings, oldest first, skipping those {@code skip} accepts. */
  synchronized List<Reading> take(int max, Predicate<Reading> skip) {
    List<Reading> taken = new ArrayList<>(Math.min(max, readings.size()));
    while (taken.size() < max && !readings.isEmpty()) {
      Reading reading = readings.removeFirst();
      if (!skip.test(reading)) {
        taken.add(reading);
      }
    }
    return taken;
  }

  /**
   * Waits until a round is offered, {@link #wake()} is called or {@code millis} pass (real time).
   *
   * @throws InterruptedException when the waiting thread is interrupted (the forwarder is stopping)
   */
  synchronized void await(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (readings.isEmpty() && !woken) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    woken = false;
  }

  /** Ends the current or next {@link #await}. */
  synchronized void wake() {
    woken = true;
    notifyAll();
  }
}
