package org.sensoragent.drivers.i2c;

import java.io.IOException;

/**
 * Opens the device at one address of one bus. {@code Pi4jI2cDevice::open} on a Pi; a map of
 * emulators in tests.
 */
@FunctionalInterface
public interface I2cOpener {

  /** @throws IOException when the bus cannot be opened (absent, no permission) */
  I2cDevice open(int bus, int address) throws IOException;
}
