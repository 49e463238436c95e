package org.sensoragent.hwtests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sensoragent.drivers.I2cChip;
import org.sensoragent.drivers.I2cChip.Found;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;
import org.sensoragent.drivers.i2c.Pi4jI2cDevice;

/**
 * Finds the real sensors under test: from system properties when given, else by scanning. When a
 * sensor is missing it fails the test with what is missing and how to fix it; it never skips.
 */
final class Bench {

  private Bench() {}

  /**
   * The chip at {@code -Dhw.<type>=BUS:ADDRESS} (e.g. {@code -Dhw.tmp102=1:0x48}), else the first
   * one a scan of every {@code /dev/i2c-*} bus identifies.
   */
  static Sensor i2c(I2cChip chip) throws IOException {
    String property = "hw." + chip.type();
    String given = System.getProperty(property);
    if (given != null) {
      String[] busAddress = given.split(":");
      int bus = Integer.parseInt(busAddress[0].strip());
      int address = Integer.decode(busAddress[1].strip());
      try {
        return chip.open(Pi4jI2cDevice.open(bus, address));
      } catch (SensorException | IOException e) {
        return fail(property + "=" + given + " names no working " + chip + ": " + e.getMessage());
      }
    }
    List<Integer> buses = Pi4jI2cDevice.busNumbers();
    if (buses.isEmpty()) {
      return fail("No I2C bus: /dev/i2c-* does not exist. Enable I2C (dtparam=i2c_arm=on in"
          + " /boot/firmware/config.txt, then reboot) and wire the " + chip
          + " (hw-tests/README.md), or leave it out with -Dhw.tests=...");
    }
    for (Found found : I2cChip.scan(buses, Pi4jI2cDevice::open)) {
      if (found.chip() == chip) {
        try {
          return chip.open(Pi4jI2cDevice.open(found.bus(), found.address()));
        } catch (SensorException e) {
          return fail(chip + " found at " + found.location() + " but failed to open: "
              + e.getMessage());
        }
      }
    }
    return fail("No " + chip + " found: scanned " + chip.addressRange() + " on buses " + buses
        + ". Check its wiring and address (i2cdetect -y 1), name it with -D" + property
        + "=BUS:ADDRESS, or leave it out with -Dhw.tests=...");
  }

  /** A path from {@code -D<property>}, else {@code fallback}. */
  static Path path(String property, Path fallback) {
    String given = System.getProperty(property);
    return given == null ? fallback : Path.of(given);
  }
}
