package org.sensoragent.agent.sampling;

import java.time.Duration;
import java.util.Objects;
import org.sensoragent.agent.config.SensorConfig;
import org.sensoragent.drivers.Sensor;

/**
 * One sensor as the sampler sees it: its name (first part of the SenML name), what and where it is
 * for log lines ({@code "ds18b20 28-0316a2794bff"}), the driver, how often it is read (aligned to
 * wall-clock multiples of {@code interval}) and how long one read may take before it counts as failed.
 */
public record ScheduledSensor(String name, String description, Sensor sensor, Duration interval, Duration timeout) {

  public ScheduledSensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sensor, "sensor");
    if (interval.toMillis() <= 0) {
      throw new IllegalArgumentException(name + ": interval must be at least 1 ms, was " + interval);
    }
    if (timeout.toMillis() <= 0) {
      throw new IllegalArgumentException(name + ": timeout must be at least 1 ms, was " + timeout);
    }
  }

  /** A sensor described by its driver class name. */
  public ScheduledSensor(String name, Sensor sensor, Duration interval, Duration timeout) {
    this(name, sensor.getClass().getSimpleName(), sensor, interval, timeout);
  }

  /** A configured sensor and the driver built from its config; the description says type and place. */
  public static ScheduledSensor of(SensorConfig config, Sensor sensor) {
    return new ScheduledSensor(config.name(), describe(config), sensor, config.interval(), config.timeout());
  }

  /** {@code "sensor air (ds18b20 28-0316a2794bff)"}: how log lines name the sensor. */
  public String label() {
    return "sensor " + name + " (" + description + ")";
  }

  static String describe(SensorConfig config) {
    String type = config.type().configName();
    return switch (config.type().bus()) {
      case W1 -> type + " " + config.id();
      case I2C -> String.format("%s i2c-%d/0x%02X", type, config.bus(), config.address());
      case THERMAL -> type + " " + config.zone();
      case NONE -> type;
    };
  }
}
