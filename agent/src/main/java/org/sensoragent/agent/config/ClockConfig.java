package org.sensoragent.agent.config;

import java.util.List;

/** {@code [clock]}: when the wall clock is trusted enough to stamp readings and check certificates. */
public record ClockConfig(Trust trust) {

  /** See DESIGN.md "Time". */
  public enum Trust {
    AUTO,
    SYNC,
    ALWAYS
  }

  static ClockConfig from(Section section) throws ConfigException {
    String trust = section.choice("trust", "auto", List.of("auto", "sync", "always"));
    section.rejectUnknownKeys();
    return new ClockConfig(Trust.valueOf(trust.toUpperCase(java.util.Locale.ROOT)));
  }
}
