package org.sensoragent.agent.transport.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/** Reads the optional MQTT password from {@code [mqtt] password_file}; the value never reaches a log or message. */
final class MqttPassword {

  private MqttPassword() {}

  /** @return the password without its trailing line break, or null when none is configured */
  static byte[] read(MqttConfig config) throws TransportException {
    if (config.username().isEmpty() || config.passwordFile() == null) {
      return null;
    }
    try {
      String text = Files.readString(config.passwordFile(), StandardCharsets.UTF_8);
      return text.replaceAll("[\r\n]+$", "").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the exception's own message could quote file content on some file systems: name the type only
      throw new TransportException(Retry.SLOWLY, "MQTT password file " + config.passwordFile() + " cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
  }
}
