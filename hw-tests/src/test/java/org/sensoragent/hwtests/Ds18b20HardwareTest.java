package org.sensoragent.hwtests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorContract;
import org.sensoragent.drivers.w1.Ds18b20;

/**
 * The sensor contract against a real 1-Wire sensor: {@code -Dhw.ds18b20=28-…}, else the first the
 * kernel lists under {@code -Dhw.w1.root} (default {@code /sys/bus/w1/devices}).
 */
class Ds18b20HardwareTest extends SensorContract {

  @Override
  protected Sensor newSensor() {
    Path root = Bench.path("hw.w1.root", Ds18b20.SYSFS_W1_DEVICES);
    String id = System.getProperty("hw.ds18b20");
    if (id == null) {
      List<String> found = Ds18b20.scan(root);
      if (found.isEmpty()) {
        return fail("No 1-Wire temperature sensor under " + root + ". Enable 1-Wire"
            + " (dtoverlay=w1-gpio in /boot/firmware/config.txt, then reboot), wire a DS18B20 to"
            + " GPIO4 with a 4.7 kΩ pull-up (hw-tests/README.md), or leave it out with"
            + " -Dhw.tests=...");
      }
      id = found.get(0);
    }
    return new Ds18b20(root, id);
  }

  @Override
  protected Set<Quantity> quantities() {
    return Set.of(Quantity.TEMPERATURE);
  }
}
