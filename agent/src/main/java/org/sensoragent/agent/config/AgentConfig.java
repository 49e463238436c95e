package org.sensoragent.agent.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code agent.toml} says, validated. Each section is its own record with its defaults;
 * {@code certs-sample/agent.toml} shows every key with a comment.
 */
public record AgentConfig(
    Path file,
    DeviceConfig device,
    List<SensorConfig> sensors,
    QueueConfig queue,
    ClockConfig clock,
    PathsConfig paths,
    MqttConfig mqtt,
    ForwardConfig forward,
    LogConfig log) {

  public static final Path DEFAULT_FILE = Path.of("/etc/sensor-agent/agent.toml");
}
