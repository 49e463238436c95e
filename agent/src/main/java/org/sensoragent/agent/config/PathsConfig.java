package org.sensoragent.agent.config;

import java.nio.file.Path;

/** {@code [paths]}: where the kernel's files are; moved only by tests and non-Pi hosts. */
public record PathsConfig(Path w1, Path thermal, Path provisioning) {

  static PathsConfig from(Section section) throws ConfigException {
    PathsConfig config =
        new PathsConfig(
        section.path("w1", Path.of("/sys/bus/w1/devices")),
        section.path("thermal", Path.of("/sys/class/thermal")),
        section.path("provisioning", Path.of("/etc/sensor-agent/provisioning")));
    section.rejectUnknownKeys();
    return config;
  }
}
