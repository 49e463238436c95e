package org.sensoragent.agent.queue;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.sensoragent.agent.Reading;

/** Oldest-first and durable. A reading leaves only after the back end acknowledged it. */
public interface ReadingQueue extends Closeable {

  /**
   * Stores one sampling round in one transaction and returns the readings with their sequence
   * numbers. On disk when this returns.
   */
  List<Reading> append(List<Reading> readings) throws IOException;

  /** Up to {@code max} readings, oldest first, without removing them. */
  List<Reading> peek(int max) throws IOException;

  /** Forgets readings the back end acknowledged. Removing an unknown reading is a no-op. */
  void remove(List<Reading> acknowledged) throws IOException;
}
