package org.sensoragent.drivers.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorContract;

class SimulatedSensorTest extends SensorContract {

  private final AtomicLong epochMillis = new AtomicLong(1_795_550_000_000L);

  @Override
  protected SimulatedSensor newSensor() {
    return new SimulatedSensor("air", epochMillis::get, EnumSet.allOf(Quantity.class));
  }

  @Override
  protected Set<Quantity> quantities() {
    return EnumSet.allOf(Quantity.class);
  }

  @Test
  void temperatureOnlyByDefault() {
    assertEquals(Quantity.TEMPERATURE,
        new SimulatedSensor("air", epochMillis::get).read().get(0).quantity());
    assertEquals(1, new SimulatedSensor("air", epochMillis::get).read().size());
  }

  @Test
  void sameNameAndTimeGiveTheSameValues() {
    assertEquals(newSensor().read(), newSensor().read());
  }

  @Test
  void valuesMoveWithTimeAndDifferByName() {
    List<?> now = newSensor().read();
    epochMillis.addAndGet(600_000);
    assertNotEquals(now, newSensor().read());
    assertNotEquals(newSensor().read(),
        new SimulatedSensor("desk", epochMillis::get, EnumSet.allOf(Quantity.class)).read());
  }

  @Test
  void staysNearItsCentres() {
    for (long t = 0; t < 6 * 3_600_000L; t += 60_000) {
      epochMillis.set(t);
      List<Double> v = newSensor().read().stream().map(m -> m.value()).toList();
      assertEquals(21.0, v.get(0), 2.0 + 1e-9);
      assertEquals(45.0, v.get(1), 5.0 + 1e-9);
      assertEquals(101_325.0, v.get(2), 150.0 + 1e-9);
    }
  }

  @Test
  void needsAQuantity() {
    assertThrows(IllegalArgumentException.class,
        () -> new SimulatedSensor("air", epochMillis::get, Set.of()));
  }
}
