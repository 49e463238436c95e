package org.sensoragent.drivers.simulated;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;

/**
 * A sensor without hardware, for demos and tests. Its values are a function of the sensor's name
 * and the time only: slow sines around 21 °C (±2 °C, period 1 h), 45 %RH (±5 %RH, 90 min) and
 * 101325 Pa (±150 Pa, 6 h), phase-shifted by the name so two sensors differ. Never fails.
 */
public final class SimulatedSensor implements Sensor {

  private static final double HOUR_MILLIS = 3_600_000.0;

  private final LongSupplier epochMillis;
  private final Set<Quantity> quantities;
  private final double phase;

  /** A temperature-only sensor. */
  public SimulatedSensor(String name, LongSupplier epochMillis) {
    this(name, epochMillis, EnumSet.of(Quantity.TEMPERATURE));
  }

  /** A sensor measuring {@code quantities} (at least one), returned in {@link Quantity} order. */
  public SimulatedSensor(String name, LongSupplier epochMillis, Set<Quantity> quantities) {
    if (quantities.isEmpty()) {
      throw new IllegalArgumentException("a simulated sensor needs at least one quantity");
    }
    this.epochMillis = epochMillis;
    this.quantities = EnumSet.copyOf(quantities);
    // String.hashCode is specified by the JLS, so the phase is the same on every JVM and run.
    this.phase = (name.hashCode() & 0xFFFF) / 65536.0 * 2 * Math.PI;
  }

  @Override
  public List<Measurement> read() {
    double hours = epochMillis.getAsLong() / HOUR_MILLIS;
    List<Measurement> measurements = new ArrayList<>(quantities.size());
    for (Quantity quantity : quantities) {
      double value = switch (quantity) {
        case TEMPERATURE -> 21.0 + 2.0 * Math.sin(2 * Math.PI * hours + phase);
        case HUMIDITY -> 45.0 + 5.0 * Math.sin(2 * Math.PI * hours / 1.5 + phase);
        case PRESSURE -> 101_325.0 + 150.0 * Math.sin(2 * Math.PI * hours / 6 + phase);
      };
      // a real chip resolves about 0.01 (BME280, SHT3x); so does the simulation, for readable packs
      measurements.add(new Measurement(quantity, Math.round(value * 100) / 100.0));
    }
    return List.copyOf(measurements);
  }
}
