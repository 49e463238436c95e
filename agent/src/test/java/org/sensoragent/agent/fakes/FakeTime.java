package org.sensoragent.agent.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.sensoragent.agent.clock.Sleeper;

/**
 * Virtual time: a wall clock, a monotonic clock and a sleeper that advances both instead of
 * waiting. Gated, each sleep first waits for a permit from {@link #allow(int)}, so a test decides
 * how many ticks a loop may take. Thread-safe.
 */
public final class FakeTime extends Clock implements Sleeper {

  private long wallMillis;
  private long nanos = 5_000_000_000_000L; // this boot's System.nanoTime() need not start at zero
  private final List<Duration> sleeps = new ArrayList<>();
  private final Semaphore permits;

  private FakeTime(Instant start, boolean gated) {
    this.wallMillis = start.toEpochMilli();
    this.permits = gated ? new Semaphore(0) : null;
  }

  /** Sleeps return at once, having advanced the time. */
  public static FakeTime at(String isoInstant) {
    return new FakeTime(Instant.parse(isoInstant), false);
  }

  /** Each sleep waits for a permit from {@link #allow(int)}. */
  public static FakeTime gatedAt(String isoInstant) {
    return new FakeTime(Instant.parse(isoInstant), true);
  }

  public void allow(int sleeps) {
    permits.release(sleeps);
  }

  /** Waits (up to 10 s, then fails) until a thread is blocked in {@link #sleep} for want of a permit. */
  public void awaitBlockedSleeper() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!permits.hasQueuedThreads()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("nobody waits in sleep()");
      }
      Thread.sleep(1); // Semaphore offers no way to await a waiter
    }
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (permits != null) {
      permits.acquire();
    }
    synchronized (this) {
      sleeps.add(duration);
      advance(duration);
    }
  }

  /** Both clocks move on. */
  public synchronized void advance(Duration duration) {
    if (!duration.isNegative()) {
      wallMillis += duration.toMillis();
      nanos += duration.toNanos();
    }
  }

  /** Only the wall clock moves, as when NTP steps it. */
  public synchronized void stepWall(Duration by) {
    wallMillis += by.toMillis();
  }

  public synchronized long nanoTime() {
    return nanos;
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public synchronized long millis() {
    return wallMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeTime is UTC only");
  }
}
