package org.sensoragent.agent.sampling;

import org.tinylog.Logger;

/**
 * Whether the queue stores rounds, logged once per change of state: a full disk must not write a
 * line per round. Used by the sampler thread only.
 */
final class StoreHealth {

  private int failedRounds;
  private long lostReadings;

  void failed(int readings, Exception e) {
    lostReadings += readings;
    if (failedRounds++ == 0) {
      if (e instanceof RuntimeException) {
        Logger.error(e, "queue: storing a round failed: {}; its readings are lost, sampling goes on", e);
      } else {
        Logger.error("queue: storing a round failed: {}; its readings are lost, sampling goes on", e.getMessage());
      }
    }
  }

  void succeeded() {
    if (failedRounds > 0) {
      Logger.info("queue: storing again after {} failed round(s), {} reading(s) lost", failedRounds, lostReadings);
      failedRounds = 0;
      lostReadings = 0;
    }
  }
}
