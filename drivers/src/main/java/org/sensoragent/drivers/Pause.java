package org.sensoragent.drivers;

import java.time.Duration;

/**
 * Waits for a conversion the chip cannot signal over the bus. Drivers take it so tests need not
 * sleep; production code uses {@link #SLEEP}.
 */
@FunctionalInterface
public interface Pause {

  /** Blocks the calling thread for {@code duration}. */
  Pause SLEEP = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

  /** @throws InterruptedException when the thread is interrupted; the driver gives up the read */
  void pause(Duration duration) throws InterruptedException;
}
