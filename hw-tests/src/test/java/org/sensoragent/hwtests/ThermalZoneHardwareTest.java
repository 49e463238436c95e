package org.sensoragent.hwtests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorContract;
import org.sensoragent.drivers.thermal.ThermalZone;

/**
 * The sensor contract against the host's SoC temperature: {@code -Dhw.thermal.zone}, default
 * {@code thermal_zone0}, under {@code -Dhw.thermal.root} (default {@code /sys/class/thermal}).
 */
class ThermalZoneHardwareTest extends SensorContract {

  @Override
  protected Sensor newSensor() {
    Path root = Bench.path("hw.thermal.root", ThermalZone.SYSFS_THERMAL);
    String zone = System.getProperty("hw.thermal.zone", "thermal_zone0");
    List<String> zones = ThermalZone.scan(root);
    if (!zones.contains(zone)) {
      return fail("No " + zone + " under " + root + " (found " + zones + "): every Pi has"
          + " thermal_zone0; this host has no such sensor");
    }
    return new ThermalZone(root, zone);
  }

  @Override
  protected Set<Quantity> quantities() {
    return Set.of(Quantity.TEMPERATURE);
  }
}
