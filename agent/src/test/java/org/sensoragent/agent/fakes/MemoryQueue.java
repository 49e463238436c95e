package org.sensoragent.agent.fakes;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.queue.ReadingQueue;

/**
 * A {@link ReadingQueue} in memory that keeps the interface's promises except durability: sequence
 * numbers never reused, peek oldest first and trusted only, remove of unknown readings a no-op,
 * restamp of this boot's untrusted readings, the oldest dropped when full. Failures on demand.
 * Thread-safe; records each append call so tests can count rounds and wait for them.
 */
public final class MemoryQueue implements ReadingQueue {

  private final int capacity;
  private final TreeMap<Long, Reading> readings = new TreeMap<>();
  private final List<Integer> appendSizes = new ArrayList<>();
  private long nextSeq = 1;
  private long dropped;
  private boolean failAppends;
  private boolean failPeeks;
  private boolean closed;

  private Runnable onRemove = () -> {};

  public MemoryQueue() {
    this(Integer.MAX_VALUE);
  }

  /** @param capacity readings held before the oldest are dropped */
  public MemoryQueue(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized List<Reading> append(List<Reading> round) throws IOException {
    checkOpen();
    if (failAppends) {
      throw new IOException("queue.db: disk full");
    }
    List<Reading> stored = new ArrayList<>(round.size());
    for (Reading reading : round) {
      Reading withSeq = reading.withSeq(nextSeq++);
      readings.put(withSeq.seq(), withSeq);
      stored.add(withSeq);
    }
    while (readings.size() > capacity) {
      readings.pollFirstEntry();
      dropped++;
    }
    appendSizes.add(round.size());
    notifyAll();
    return stored;
  }

  @Override
  public List<Reading> peek(int max) throws IOException {
    return peekAfter(0, max);
  }

  @Override
  public synchronized List<Reading> peekAfter(long after, int max) throws IOException {
    checkOpen();
    if (failPeeks) {
      throw new IOException("queue.db: disk I/O error");
    }
    List<Reading> oldest = new ArrayList<>();
    for (Reading reading : readings.tailMap(after, false).values()) {
      if (oldest.size() == max) {
        break;
      }
      if (reading.clockTrusted()) {
        oldest.add(reading);
      }
    }
    return oldest;
  }

  @Override
  public void remove(List<Reading> acknowledged) throws IOException {
    Runnable hook;
    synchronized (this) {
      hook = onRemove;
    }
    hook.run(); // outside the lock, like a slow disk
    synchronized (this) {
      checkOpen();
      acknowledged.forEach(r -> readings.remove(r.seq()));
      notifyAll();
    }
  }

  /** Runs at the start of every remove, on the caller's thread, before anything is removed. */
  public synchronized void onRemove(Runnable action) {
    onRemove = action;
  }

  @Override
  public synchronized int restamp(long epochMillisAtNanoZero) throws IOException {
    checkOpen();
    int count = 0;
    for (Map.Entry<Long, Reading> entry : readings.entrySet()) {
      Reading reading = entry.getValue();
      if (!reading.clockTrusted()) {
        long millis = epochMillisAtNanoZero + reading.monotonicNanos() / 1_000_000;
        entry.setValue(reading.restamped(Instant.ofEpochMilli(millis)));
        count++;
      }
    }
    return count;
  }

  @Override
  public synchronized long depth() {
    return readings.size();
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  public synchronized void failAppends(boolean fail) {
    failAppends = fail;
  }

  public synchronized void failPeeks(boolean fail) {
    failPeeks = fail;
  }

  /** Every reading still queued, trusted or not, oldest first. */
  public synchronized List<Reading> all() {
    return List.copyOf(readings.values());
  }

  /** The size of each round appended so far, successful appends only. */
  public synchronized List<Integer> appendSizes() {
    return List.copyOf(appendSizes);
  }

  /** Waits (up to 10 s, then fails) until {@code count} appends succeeded. */
  public synchronized void awaitAppends(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (appendSizes.size() < count) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError("only " + appendSizes.size() + " of " + count + " appends happened");
      }
      wait(left);
    }
  }

  /** Waits (up to 10 s, then fails) until at most {@code depth} readings are queued. */
  public synchronized void awaitDepth(long depth) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (readings.size() > depth) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError(readings.size() + " readings still queued, expected " + depth);
      }
      wait(left);
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("queue closed");
    }
  }
}
