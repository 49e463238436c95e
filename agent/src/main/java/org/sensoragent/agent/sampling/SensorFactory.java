package org.sensoragent.agent.sampling;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.function.LongSupplier;
import org.sensoragent.agent.config.PathsConfig;
import org.sensoragent.agent.config.SensorConfig;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;
import org.sensoragent.drivers.i2c.I2cDevice;
import org.sensoragent.drivers.i2c.I2cOpener;
import org.sensoragent.drivers.simulated.SimulatedSensor;
import org.sensoragent.drivers.thermal.ThermalZone;
import org.sensoragent.drivers.w1.Ds18b20;

/**
 * Builds the driver a {@code [[sensor]]} names. I²C sensors are opened lazily and re-opened after
 * a failed open ({@link ReopeningSensor}), so a chip that is absent at start, or unplugged and
 * plugged back, is one failing sensor rather than an agent that will not start.
 */
public final class SensorFactory {

  private final PathsConfig paths;
  private final I2cOpener i2c;
  private final LongSupplier epochMillis;

  /**
   * @param i2c opens I²C devices: {@code Pi4jI2cDevice::open} on a Pi, emulators in tests
   * @param epochMillis the time simulated sensors follow
   */
  public SensorFactory(PathsConfig paths, I2cOpener i2c, LongSupplier epochMillis) {
    this.paths = paths;
    this.i2c = i2c;
    this.epochMillis = epochMillis;
  }

  /** Every configured sensor with its driver and schedule, in config order; touches no hardware. */
  public List<ScheduledSensor> schedule(List<SensorConfig> configs) {
    List<ScheduledSensor> sensors = new ArrayList<>();
    for (SensorConfig config : configs) {
      sensors.add(ScheduledSensor.of(config, create(config)));
    }
    return sensors;
  }

  /** Never touches hardware: opening happens on the first read. */
  public Sensor create(SensorConfig config) {
    return switch (config.type().bus()) {
      case W1 -> new Ds18b20(paths.w1(), config.id());
      case THERMAL -> new ThermalZone(paths.thermal(), config.zone());
      case NONE -> new SimulatedSensor(config.name(), epochMillis, EnumSet.copyOf(config.quantities()));
      case I2C -> new ReopeningSensor(() -> openI2c(config));
    };
  }

  private Sensor openI2c(SensorConfig config) throws SensorException {
    I2cDevice device;
    try {
      device = i2c.open(config.bus(), config.address());
    } catch (IOException e) {
      throw new SensorException(e.getMessage(), e);
    }
    try {
      return config.type().chip().open(device);
    } catch (SensorException | RuntimeException e) {
      try {
        device.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }
}
