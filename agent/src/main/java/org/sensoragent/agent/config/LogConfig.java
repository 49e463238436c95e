package org.sensoragent.agent.config;

import java.time.Duration;
import java.util.List;

/** {@code [log]}: the lowest level written, and how often the summary line appears. */
public record LogConfig(String level, Duration summary) {

  static LogConfig from(Section section) throws ConfigException {
    LogConfig config =
        new LogConfig(
        section.choice("level", "info", List.of("error", "warn", "info", "debug")),
        section.duration("summary", Duration.ofMinutes(5)));
    section.rejectUnknownKeys();
    return config;
  }
}
