package org.sensoragent.agent.queue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sensoragent.agent.Reading;

/**
 * A {@link ReadingQueue} in memory for tests of the parts around the queue (the forwarder, the
 * sampler). It keeps the contract {@link ReadingQueueContract} checks, but nothing survives the
 * process, there is no bound, and every untrusted reading counts as taken in this boot.
 * Thread-safe: every method is synchronized.
 */
public final class InMemoryReadingQueue implements ReadingQueue {

  private final TreeMap<Long, Reading> readings = new TreeMap<>();
  private long nextSeq = 1;
  private boolean closed;

  @Override
  public synchronized List<Reading> append(List<Reading> round) throws IOException {
    checkOpen();
    List<Reading> stored = new ArrayList<>(round.size());
    for (Reading reading : round) {
      Reading numbered = reading.withSeq(nextSeq++);
      readings.put(numbered.seq(), numbered);
      stored.add(numbered);
    }
    return stored;
  }

  @Override
  public synchronized List<Reading> peek(int max) throws IOException {
    checkOpen();
    List<Reading> found = new ArrayList<>();
    for (Iterator<Reading> it = readings.values().iterator(); it.hasNext() && found.size() < max; ) {
      Reading reading = it.next();
      if (reading.clockTrusted()) {
        found.add(reading);
      }
    }
    return found;
  }

  @Override
  public synchronized void remove(List<Reading> acknowledged) throws IOException {
    checkOpen();
    for (Reading reading : acknowledged) {
      readings.remove(reading.seq());
    }
  }

  @Override
  public synchronized int restamp(long epochMillisAtNanoZero) throws IOException {
    checkOpen();
    int restamped = 0;
    for (Map.Entry<Long, Reading> entry : readings.entrySet()) {
      Reading reading = entry.getValue();
      if (!reading.clockTrusted()) {
        long millis = epochMillisAtNanoZero + Math.floorDiv(reading.monotonicNanos(), 1_000_000L);
        entry.setValue(reading.restamped(Instant.ofEpochMilli(millis)));
        restamped++;
      }
    }
    return restamped;
  }

  /** Readings held, acknowledged ones excluded, untrusted ones included. */
  public synchronized int size() {
    return readings.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("in-memory queue closed");
    }
  }
}
