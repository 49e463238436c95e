package org.sensoragent.agent.sampling;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.sensoragent.drivers.Measurement;
import org.tinylog.Logger;

/**
 * One sensor's read thread, its place in the schedule and its health. A read runs on the sensor's
 * own thread so a stuck driver blocks only itself; while a read is still running no second one
 * starts. Failures are logged once per change of state, not per tick. Used by the sampler thread
 * only, except for the busy flag the read thread clears.
 */
final class SensorWorker {

  final ScheduledSensor scheduled;
  final long intervalMillis;
  /** Wall-clock boundary (epoch ms) of the last round this sensor took part in. */
  long lastBoundaryMillis;

  private final ExecutorService thread;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicReference<Thread> reading = new AtomicReference<>();
  private int consecutiveFailures;

  SensorWorker(ScheduledSensor scheduled) {
    this.scheduled = scheduled;
    this.intervalMillis = scheduled.interval().toMillis();
    this.thread = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "sensor-" + scheduled.name());
      t.setDaemon(true); // a read stuck in a driver must not keep the JVM alive
      return t;
    });
  }

  /** Starts a read on the sensor's thread, or returns null when the previous read is still running. */
  Future<List<Measurement>> startRead() {
    if (!busy.compareAndSet(false, true)) {
      return null;
    }
    // never cancelled: a task cancelled before it ran would leave busy set for good
    return thread.submit(() -> {
      Thread.interrupted(); // a late interrupt aimed at the last read
      reading.set(Thread.currentThread());
      try {
        return scheduled.sensor().read();
      } finally {
        reading.set(null);
        Thread.interrupted(); // an interrupt aimed at this read must not hit the next one
        busy.set(false);
      }
    });
  }

  /** Interrupts a read that overran its timeout; a driver blocked in native code may not notice. */
  void interruptRead() {
    Thread t = reading.get();
    if (t != null) {
      t.interrupt();
    }
  }

  void succeeded() {
    if (consecutiveFailures > 0) {
      Logger.info("{}: recovered after {} failure(s)", scheduled.label(), consecutiveFailures);
      consecutiveFailures = 0;
    }
  }

  /**
   * @param cause the one-line reason ({@code SensorException} message, timeout)
   * @param unexpected a driver bug (a RuntimeException), logged with its trace; null otherwise
   */
  void failed(String cause, Throwable unexpected) {
    if (consecutiveFailures++ == 0) {
      if (unexpected == null) {
        Logger.warn("{}: failing: {}", scheduled.label(), cause);
      } else {
        Logger.warn(unexpected, "{}: failing: {}", scheduled.label(), cause);
      }
    } else {
      Logger.debug("{}: failure {} in a row: {}", scheduled.label(), consecutiveFailures, cause);
    }
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Stops the read thread; a read stuck in the driver is interrupted and left to die with the JVM. */
  void shutdown() {
    thread.shutdownNow();
  }

  /** Closes the driver, reporting but not throwing a failure. */
  void closeSensor() {
    try {
      scheduled.sensor().close();
    } catch (IOException | RuntimeException e) {
      Logger.warn("{}: closing failed: {}", scheduled.label(), e.getMessage());
    }
  }
}
