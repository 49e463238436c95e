package org.sensoragent.agent.forward;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter: after the n-th failure in a row (counting from 0) the
 * wait is uniform in [0, min(max, min·2^n)], so many devices that lost the same broker do not
 * come back in step. Milliseconds resolution. Not thread-safe: the forwarder thread owns it.
 */
public final class Backoff {

  private final long minMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int failures;

  /**
   * @param min the ceiling after the first failure, at least 1 ms
   * @param max the cap of every ceiling, not shorter than {@code min}
   * @param random source of the jitter ({@link RandomGenerator#nextDouble()} in [0, 1))
   */
  public Backoff(Duration min, Duration max, RandomGenerator random) {
    if (min.toMillis() < 1 || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("back-off needs 1 ms <= min <= max, was " + min + " and " + max);
    }
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** Counts one more failure and returns how long to wait before the next attempt. */
  public Duration next() {
    long ceiling = ceilingMillis();
    failures++;
    long millis = (long) Math.floor(random.nextDouble() * (ceiling + 1));
    return Duration.ofMillis(Math.min(millis, ceiling));
  }

  /** The upper bound of the wait {@link #next()} returns next: min·2^failures, capped at max. */
  public Duration ceiling() {
    return Duration.ofMillis(ceilingMillis());
  }

  /** Back to the first step, after a connection proved stable. */
  public void reset() {
    failures = 0;
  }

  /** Failures counted since the last reset. */
  public int failures() {
    return failures;
  }

  private long ceilingMillis() {
    long ceiling = minMillis;
    for (int i = 0; i < failures && ceiling < maxMillis; i++) {
      ceiling *= 2; // stops at max long before overflow: max is a Duration in ms, far below 2^62
    }
    return Math.min(ceiling, maxMillis);
  }
}
