package org.sensoragent.drivers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link SensorContract} plus what only an emulator can show: a bus fault becomes an error. */
public abstract class EmulatedSensorContract extends SensorContract {

  /** Makes the next reads of the sensor last returned by {@link #newSensor()} fail on the bus. */
  protected abstract void breakBus();

  /** Where errors must say the sensor is: {@code TMP102 at i2c-1/0x48}. */
  protected abstract String expectedLocation();

  @Test
  void aBusFaultIsASensorExceptionNamingChipAndLocation() throws Exception {
    try (Sensor sensor = newSensor()) {
      breakBus();
      SensorException e = assertThrows(SensorException.class, sensor::read);
      assertTrue(e.getMessage().startsWith(expectedLocation()), e.getMessage());
    }
  }
}
