package org.sensoragent.agent.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;

/**
 * A test sensor: each read returns every configured quantity with a value that grows by 0.1 per
 * read, or fails as scripted, or blocks — ignoring interrupts, like a driver stuck in the kernel —
 * until {@link #release()}. Counts reads and notices overlapping ones. Thread-safe.
 */
public final class ScriptedSensor implements Sensor {

  private final List<Quantity> quantities;
  private int reads;
  private int inProgress;
  private boolean overlapped;
  private int failures;
  private String failure;
  private CountDownLatch stuck;
  private boolean closed;

  public ScriptedSensor(Quantity... quantities) {
    this.quantities = quantities.length == 0 ? List.of(Quantity.TEMPERATURE) : List.of(quantities);
  }

  /** The next {@code times} reads throw a SensorException with {@code message}. */
  public synchronized ScriptedSensor failNext(int times, String message) {
    failures = times;
    failure = message;
    return this;
  }

  /** Reads from now on block until {@link #release()}. */
  public synchronized ScriptedSensor stick() {
    stuck = new CountDownLatch(1);
    return this;
  }

  public void release() {
    CountDownLatch latch;
    synchronized (this) {
      latch = stuck;
      stuck = null;
    }
    if (latch != null) {
      latch.countDown();
    }
  }

  @Override
  public List<Measurement> read() throws SensorException {
    CountDownLatch latch;
    int n;
    synchronized (this) {
      n = ++reads;
      overlapped |= ++inProgress > 1;
      latch = stuck;
      notifyAll();
    }
    try {
      if (latch != null) {
        awaitIgnoringInterrupts(latch);
      }
      synchronized (this) {
        if (failures > 0) {
          failures--;
          throw new SensorException(failure);
        }
      }
      List<Measurement> measurements = new ArrayList<>();
      for (Quantity quantity : quantities) {
        measurements.add(new Measurement(quantity, 20 + n / 10.0));
      }
      return measurements;
    } finally {
      synchronized (this) {
        inProgress--;
      }
    }
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits (up to 10 s, then fails) until {@code count} reads have started. */
  public synchronized void awaitReads(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (reads < count) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError("only " + reads + " of " + count + " reads started");
      }
      wait(left);
    }
  }

  public synchronized int reads() {
    return reads;
  }

  /** Whether two reads ever ran at once. */
  public synchronized boolean overlapped() {
    return overlapped;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  public synchronized boolean isClosed() {
    return closed;
  }
}
