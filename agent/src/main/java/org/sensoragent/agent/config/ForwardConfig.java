package org.sensoragent.agent.config;

import java.time.Duration;

/**
 * {@code [forward]}: how the queue is drained and how failures are retried (exponential backoff
 * with full jitter between {@code backoffMin} and {@code backoffMax}; refusals wait {@code refusedRetry}).
 */
public record ForwardConfig(
    int batch, Duration backoffMin, Duration backoffMax, Duration stableAfter, Duration refusedRetry) {

  static ForwardConfig from(Section section) throws ConfigException {
    ForwardConfig config =
        new ForwardConfig(
            (int) section.integer("batch", 500, 1, 10_000),
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
