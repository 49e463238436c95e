package org.sensoragent.agent.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.sensoragent.drivers.Measurement;

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

  private void header() {
    if (!headerDone) {
      out.printf(ROW, "sensor", "type", "quantity", "value", "unit");
      headerDone = true;
    }
  }
}
