package org.sensoragent.agent.sampling;

import java.io.IOException;
import java.util.List;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;

/**
 * A sensor that is opened on its first read and again on the read after an open failed: the
 * driver's constructor identifies the chip, and a chip that is not there yet must not stop the
 * agent. Once open, read failures are the driver's to report; the driver stays open. Not
 * thread-safe, like every Sensor.
 */
final class ReopeningSensor implements Sensor {

  /** Opens the driver, identifying the chip. */
  @FunctionalInterface
  interface Opener {
    Sensor open() throws SensorException;
  }

  private final Opener opener;
  private Sensor open;

  ReopeningSensor(Opener opener) {
    this.opener = opener;
  }

  @Override
  public List<Measurement> read() throws SensorException {
    if (open == null) {
      open = opener.open();
    }
    return open.read();
  }

  @Override
  public void close() throws IOException {
    if (open != null) {
      open.close();
      open = null;
    }
  }
}
