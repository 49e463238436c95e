package org.sensoragent.agent.config;

import java.util.Arrays;
import java.util.List;
import org.sensoragent.drivers.I2cChip;

/** The driver types a {@code [[sensor]]} may name, and which bus each sits on. */
public enum SensorType {
  DS18B20("ds18b20", Bus.W1, null),
  TMP102("tmp102", Bus.I2C, I2cChip.TMP102),
  MCP9808("mcp9808", Bus.I2C, I2cChip.MCP9808),
  SHT3X("sht3x", Bus.I2C, I2cChip.SHT3X),
  BME280("bme280", Bus.I2C, I2cChip.BME280),
  THERMAL_ZONE("thermal-zone", Bus.THERMAL, null),
  SIMULATED("simulated", Bus.NONE, null);

  /** Where a sensor of the type is found. */
  public enum Bus {
    W1,
    I2C,
    THERMAL,
    NONE
  }

  private final String configName;
  private final Bus bus;
  private final I2cChip chip;

  SensorType(String configName, Bus bus, I2cChip chip) {
    this.configName = configName;
    this.bus = bus;
    this.chip = chip;
  }

  public String configName() {
    return configName;
  }

  public Bus bus() {
    return bus;
  }

  /** The I²C chip of an I²C type; null for the others. */
  public I2cChip chip() {
    return chip;
  }

  static SensorType byName(String name) {
    return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst().orElse(null);
  }

  static List<String> names() {
    return Arrays.stream(values()).map(SensorType::configName).toList();
  }
}
