package org.sensoragent.agent.config;

import java.time.Duration;

/**
 * {@code [forward]}: how the queue is drained and how failures are retried (exponential backoff
 * with full jitter between {@code backoffMin} and {@code backoffMax}; refusals wait {@code refusedRetry}).
 */
public record ForwardConfig(
    int batch, Duration backoffMin, Duration backoffMax, Duration stableAfter, Duration refusedRetry) {

  /** Readings per publish: see {@code from} for why. */
  public static final int DEFAULT_BATCH = 10_000;

  static ForwardConfig from(Section section) throws ConfigException {
    ForwardConfig config =
        new ForwardConfig(
            // 10,000: publish() waits for every PUBACK of its batch, so each batch costs a round trip
            // while the link idles; the queue's peek and remove cost under a microsecond per reading
            // either way. Over mutual TLS to a local broker, 5,000 drain at 4.3-5.5x mosquitto_pub
            // depending on the run, 10,000 at 5.5-5.8x (BacklogDrainBenchmark). One batch of 10,000
            // holds about 1.4 MB of heap, only while a backlog drains.
            (int) section.integer("batch", DEFAULT_BATCH, 1, 50_000),
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
