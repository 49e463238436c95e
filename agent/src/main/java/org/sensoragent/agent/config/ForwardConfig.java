package org.sensoragent.agent.config;

import java.time.Duration;

/**
 * {@code [forward]}: how the queue is drained and how failures are retried (exponential backoff
 * with full jitter between {@code backoffMin} and {@code backoffMax}; refusals wait {@code refusedRetry}).
 */
public record ForwardConfig(
    int batch, Duration backoffMin, Duration backoffMax, Duration stableAfter, Duration refusedRetry) {

  /** Readings per publish: see {@code from} for why. */
  public static final int DEFAULT_BATCH = 5_000;

  static ForwardConfig from(Section section) throws ConfigException {
    ForwardConfig config =
        new ForwardConfig(
            // 5,000: publish() waits for every PUBACK of its batch and the queue's peek and remove
            // cost about a microsecond per reading either way, so per-batch round trips dominate
            // small batches (500 drains at ~1x mosquitto_pub, 5,000 at ~3x; 10,000 gains nothing
            // more). One batch of 5,000 holds about 0.9 MB of heap (BacklogDrainBenchmark).
            (int) section.integer("batch", DEFAULT_BATCH, 1, 10_000),
            section.duration("backoff_min", Duration.ofSeconds(1)),
            section.duration("backoff_max", Duration.ofMinutes(5)),
            section.duration("stable_after", Duration.ofMinutes(1)),
            section.duration("refused_retry", Duration.ofMinutes(5)));
    if (config.backoffMax.compareTo(config.backoffMin) < 0) {
      throw section.error("backoff_max", "must not be shorter than backoff_min");
    }
    section.rejectUnknownKeys();
    return config;
  }
}
