package org.sensoragent.agent.fakes;

import java.util.random.RandomGenerator;

/** A "random" source that always draws the same fraction, so back-off waits are predictable. */
public final class FixedRandom implements RandomGenerator {

  private final double fraction;

  /** @param fraction what {@link #nextDouble()} returns, in [0, 1) */
  public FixedRandom(double fraction) {
    this.fraction = fraction;
  }

  @Override
  public double nextDouble() {
    return fraction;
  }

  @Override
  public long nextLong() {
    return (long) (fraction * Long.MAX_VALUE);
  }
}
