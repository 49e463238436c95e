package org.sensoragent.agent.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code [queue]}: where readings wait for the back end, and how much may wait.
 *
 * @param synchronous SQLite's {@code synchronous}: "full" survives power loss, "normal" only a crash
 */
public record QueueConfig(Path path, long maxReadings, long maxBytes, String synchronous) {

  public static final Path DEFAULT_PATH = Path.of("/var/lib/sensor-agent/queue.db");

  static QueueConfig from(Section section) throws ConfigException {
    QueueConfig config =
        new QueueConfig(
        section.path("path", DEFAULT_PATH),
        section.integer("max_readings", 1_000_000, 100, 100_000_000),
        section.bytes("max_bytes", 128L << 20),
        section.choice("synchronous", "full", List.of("full", "normal")));
    section.rejectUnknownKeys();
    return config;
  }
}
