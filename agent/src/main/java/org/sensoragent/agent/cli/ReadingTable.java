package org.sensoragent.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;

/** Prints readings as aligned columns, one line each, header first. */
final class ReadingTable {

  private static final String ROW = "%-12s %-13s %-12s %12s %s%n";
  private final PrintStream out;
  private boolean headerDone;

  ReadingTable(PrintStream out) {
    this.out = out;
  }

  void reading(String sensor, String type, Measurement measurement) {
    header();
    out.printf(
        ROW,
        sensor,
        type,
        measurement.quantity().label(),
        String.format(Locale.ROOT, "%.3f", measurement.value()),
        measurement.quantity().senmlUnit());
  }

  void failure(String sensor, String type, String cause) {
    header();
    out.printf("%-12s %-13s error: %s%n", sensor, type, cause);
  }

  /**
   * Reads {@code sensor} once and closes it, printing a line per measurement or one for its failure.
   *
   * @return whether it gave a reading
   */
  boolean readOnce(String name, String type, Sensor sensor) {
    try (sensor) {
      for (Measurement measurement : sensor.read()) {
        reading(name, type, measurement);
      }
      return true;
    } catch (SensorException e) {
      failure(name, type, e.getMessage());
      return false;
    } catch (IOException e) {
      failure(name, type, "closing: " + e.getMessage());
      return false;
    }
  }

  private void header() {
    if (!headerDone) {
      out.printf(ROW, "sensor", "type", "quantity", "value", "unit");
      headerDone = true;
    }
  }
}
