package org.sensoragent.drivers.thermal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorContract;
import org.sensoragent.drivers.SensorException;

class ThermalZoneTest {

  static Path fixture(String name) throws Exception {
    return Path.of(ThermalZoneTest.class.getResource("/thermal/" + name).toURI());
  }

  @Test
  void readsMillidegrees() throws Exception {
    assertEquals(List.of(Measurement.celsius(48.312)),
        new ThermalZone(fixture("ok"), "thermal_zone0").read());
    assertEquals(-5.25, new ThermalZone(fixture("ok"), "thermal_zone1").read().get(0).value());
  }

  @Test
  void garbageIsAnError() throws Exception {
    SensorException e = assertThrows(SensorException.class,
        new ThermalZone(fixture("garbage"), "thermal_zone0")::read);
    assertEquals("thermal zone thermal_zone0: unparsable temp \"N/A\" (expected millidegrees"
        + " Celsius)", e.getMessage());
  }

  @Test
  void anImplausibleValueIsAnError() throws Exception {
    SensorException e = assertThrows(SensorException.class,
        new ThermalZone(fixture("ok"), "thermal_zone10")::read);
    assertEquals("thermal zone thermal_zone10: implausible temperature 200.000 °C",
        e.getMessage());
  }

  @Test
  void aMissingZoneIsAnError() throws Exception {
    SensorException e = assertThrows(SensorException.class,
        new ThermalZone(fixture("ok"), "thermal_zone7")::read);
    assertTrue(e.getMessage().startsWith("thermal zone thermal_zone7: no "), e.getMessage());
  }

  @Test
  void scanListsZonesInNumericOrder() throws Exception {
    assertEquals(List.of("thermal_zone0", "thermal_zone1", "thermal_zone10"),
        ThermalZone.scan(fixture("ok")));
  }

  @Test
  void scanOfAHostWithoutThermalZonesIsEmpty() throws Exception {
    assertEquals(List.of(), ThermalZone.scan(fixture("ok").resolve("nothing-here")));
  }

  @Test
  void aZoneNameThatIsNotAZoneIsAConfigError() throws Exception {
    assertThrows(IllegalArgumentException.class,
        () -> new ThermalZone(fixture("ok"), "cooling_device0"));
  }

  @Nested
  class Contract extends SensorContract {
    @Override
    protected Sensor newSensor() throws Exception {
      return new ThermalZone(fixture("ok"), "thermal_zone0");
    }

    @Override
    protected Set<Quantity> quantities() {
      return Set.of(Quantity.TEMPERATURE);
    }
  }
}
