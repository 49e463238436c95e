package org.sensoragent.drivers;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** One physical sensor. Not thread-safe: one sampler thread calls it. */
public interface Sensor extends Closeable {

  /**
   * Converts, waits for the result and returns every quantity the chip measures, in one sampling.
   *
   * @throws SensorException naming chip, bus/address and cause; the caller retries next tick
   */
  List<Measurement> read() throws SensorException;

  /** Releases the bus handle, if any. The default holds none. */
  @Override
  default void close() throws IOException {}
}
