package org.sensoragent.agent.clock;

import java.time.Duration;

/**
 * Waits. Injected wherever the agent waits for time to pass (sampling ticks, retry back-off), so
 * tests run on virtual time instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** {@link Thread#sleep}: real time, measured on the monotonic clock. */
  Sleeper SYSTEM = duration -> {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  };

  /**
   * Blocks the calling thread for {@code duration}; returns at once for zero or negative.
   *
   * @throws InterruptedException when the thread is interrupted: the caller is asked to stop
   */
  void sleep(Duration duration) throws InterruptedException;
}
