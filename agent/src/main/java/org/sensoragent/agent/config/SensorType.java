package org.sensoragent.agent.config;

import java.util.Arrays;
import java.util.List;

/** The driver types a {@code [[sensor]]} may name, and which bus each sits on. */
public enum SensorType {
  DS18B20("ds18b20", Bus.W1, 0, 0),
  TMP102("tmp102", Bus.I2C, 0x48, 0x4B),
  MCP9808("mcp9808", Bus.I2C, 0x18, 0x1F),
  SHT3X("sht3x", Bus.I2C, 0x44, 0x45),
  BME280("bme280", Bus.I2C, 0x76, 0x77),
  THERMAL_ZONE("thermal-zone", Bus.THERMAL, 0, 0),
  SIMULATED("simulated", Bus.NONE, 0, 0);

  /** Where a sensor of the type is found. */
  public enum Bus {
    W1,
    I2C,
    THERMAL,
    NONE
  }

  private final String configName;
  private final Bus bus;
  private final int firstAddress;
  private final int lastAddress;

  SensorType(String configName, Bus bus, int firstAddress, int lastAddress) {
    this.configName = configName;
    this.bus = bus;
    this.firstAddress = firstAddress;
    this.lastAddress = lastAddress;
  }

  public String configName() {
    return configName;
  }

  public Bus bus() {
    return bus;
  }

  int defaultAddress() {
    return firstAddress;
  }

  boolean acceptsAddress(int address) {
    return address >= firstAddress && address <= lastAddress;
  }

  String addressRange() {
    return String.format("0x%02X-0x%02X", firstAddress, lastAddress);
  }

  static SensorType byName(String name) {
    return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst().orElse(null);
  }

  static List<String> names() {
    return Arrays.stream(values()).map(SensorType::configName).toList();
  }
}
