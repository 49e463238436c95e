package org.sensoragent.agent.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code [mqtt]}: how readings are published when the endpoint is {@code mqtts://}.
 *
 * @param topic template with {site}, {room}, {sensor}, {quantity}
 * @param username empty for certificate-only brokers
 * @param passwordFile a file holding the password (mode 0600), or null; never the password itself
 */
public record MqttConfig(String topic, int qos, Duration keepAlive, String username, Path passwordFile) {

  static MqttConfig from(Section section) throws ConfigException {
    String topic = section.string("topic", "{site}/{room}/{sensor}/{quantity}");
    if (!topic.contains("{sensor}") || !topic.contains("{quantity}")) {
      throw section.error("topic", "must contain {sensor} and {quantity}, was \"" + topic + "\"");
    }
    if (topic.contains("+") || topic.contains("#")) {
      throw section.error("topic", "must not contain the wildcards '+' or '#'");
    }
    MqttConfig config =
        new MqttConfig(
        topic,
        (int) section.integer("qos", 1, 0, 2),
        section.duration("keep_alive", Duration.ofSeconds(60)),
        section.string("username", ""),
        section.path("password_file", null));
    section.rejectUnknownKeys();
    return config;
  }
}
