package org.sensoragent.drivers;

import java.util.Locale;

/** What a sensor measures, with the unit name SenML (RFC 8428, section 12.1) gives it. */
public enum Quantity {
  TEMPERATURE("Cel"),
  HUMIDITY("%RH"),
  PRESSURE("Pa");

  private final String senmlUnit;

  Quantity(String senmlUnit) {
    this.senmlUnit = senmlUnit;
  }

  public String senmlUnit() {
    return senmlUnit;
  }

  /** The lower-case name used in SenML names and MQTT topics: {@code temperature}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
