package org.sensoragent.agent.config;

import java.nio.file.Path;
import org.sensoragent.drivers.thermal.ThermalZone;
import org.sensoragent.drivers.w1.Ds18b20;

/** {@code [paths]}: where the kernel's files are; moved only by tests and non-Pi hosts. */
public record PathsConfig(Path w1, Path thermal, Path provisioning) {

  static PathsConfig from(Section section) throws ConfigException {
    PathsConfig config =
        new PathsConfig(
        section.path("w1", Ds18b20.SYSFS_W1_DEVICES),
        section.path("thermal", ThermalZone.SYSFS_THERMAL),
        section.path("provisioning", Path.of("/etc/sensor-agent/provisioning")));
    section.rejectUnknownKeys();
    return config;
  }
}
