package org.sensoragent.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Sensor} promises, run against each emulator-backed driver here and against the
 * real chips in {@code hw-tests}. Only asks what real hardware can show: no fault injection.
 */
public abstract class SensorContract {

  private final List<Sensor> opened = new ArrayList<>();

  /** A working sensor, ready to read. Called once or more per test; each is closed afterwards. */
  protected abstract Sensor newSensor() throws Exception;

  /** Exactly the quantities one {@link Sensor#read()} returns. */
  protected abstract Set<Quantity> quantities();

  private Sensor sensor() throws Exception {
    Sensor sensor = newSensor();
    opened.add(sensor);
    return sensor;
  }

  @AfterEach
  void closeSensors() throws Exception {
    for (Sensor sensor : opened) {
      sensor.close();
    }
  }

  @Test
  void readReturnsEachQuantityOnce() throws Exception {
    List<Measurement> measurements = sensor().read();

    Set<Quantity> seen = EnumSet.noneOf(Quantity.class);
    for (Measurement m : measurements) {
      assertTrue(seen.add(m.quantity()), "twice: " + m.quantity() + " in " + measurements);
    }
    assertEquals(quantities(), seen, "quantities of " + measurements);
  }

  @Test
  void valuesAreWhereARoomCanBe() throws Exception {
    for (Measurement m : sensor().read()) {
      switch (m.quantity()) {
        case TEMPERATURE -> assertBetween(-40.0, 125.0, m);
        case HUMIDITY -> assertBetween(0.0, 100.0, m);
        case PRESSURE -> assertBetween(30_000.0, 110_000.0, m);
      }
    }
  }

  @Test
  void readsAgainAndAgain() throws Exception {
    Sensor sensor = sensor();
    for (int i = 0; i < 3; i++) {
      assertEquals(quantities().size(), sensor.read().size(), "read #" + (i + 1));
    }
  }

  @Test
  void aSecondInstanceReadsTheSameChip() throws Exception {
    Sensor first = sensor();
    first.read();
    first.close();
    opened.remove(first);

    assertEquals(quantities().size(), sensor().read().size());
  }

  private static void assertBetween(double min, double max, Measurement m) {
    assertTrue(m.value() >= min && m.value() <= max,
        m.quantity() + " " + m.value() + " " + m.quantity().senmlUnit()
            + " outside " + min + ".." + max);
  }
}
