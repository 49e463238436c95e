package org.sensoragent.agent.transport.mqtt;

import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.DeviceConfig;
import org.sensoragent.agent.config.MqttConfig;

/**
 * The topics a device publishes on: one per sensor quantity from the configured template
 * ({@code {site}/{room}/{sensor}/{quantity}} by default), and {@code {site}/{room}/status} for the
 * retained birth and will. Config validation guarantees the names hold no '/', '+' or '#'.
 * Immutable and thread-safe.
 */
final class Topics {

  private final String template;
  private final String status;

  Topics(DeviceConfig device, MqttConfig mqtt) {
    this.template = mqtt.topic().replace("{site}", device.site()).replace("{room}", device.room());
    this.status = device.site() + "/" + device.room() + "/status";
  }

  String of(Reading reading) {
    return template.replace("{sensor}", reading.sensor()).replace("{quantity}", reading.quantity().label());
  }

  String status() {
    return status;
  }
}
