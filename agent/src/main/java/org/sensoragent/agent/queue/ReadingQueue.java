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

  /**
   * Up to {@code max} readings with trusted times, oldest first, without removing them; readings
   * already acknowledged (even if not yet deleted from disk) are not returned.
   */
  List<Reading> peek(int max) throws IOException;

  /**
   * As {@link #peek}, but only readings numbered above {@code after}: reads the next batch while
   * the one up to {@code after} is still being sent, without reading that one again.
   */
  List<Reading> peekAfter(long after, int max) throws IOException;

  /** Forgets readings the back end acknowledged. Removing an unknown reading is a no-op. */
  void remove(List<Reading> acknowledged) throws IOException;

  /**
   * Once the clock is trusted: re-stamps the readings of this boot that were taken before, as
   * {@code epochMillisAtNanoZero + monotonicNanos / 1e6}, so that peek may return them. Readings
   * of earlier boots that were never trusted cannot be dated and are never sent.
   *
   * @return how many readings were re-stamped
   */
  int restamp(long epochMillisAtNanoZero) throws IOException;

  /**
   * For the summary line: how many readings wait in the queue (trusted or not), or -1 when this
   * queue does not count them. Must not block sampling for long.
   */
  default long depth() throws IOException {
    return -1;
  }

  /**
   * For the summary line: readings dropped, oldest first, because the queue was full (the SQLite
   * queue counts since its file was created); -1 when this queue does not count them.
   */
  default long dropped() {
    return -1;
  }
}
