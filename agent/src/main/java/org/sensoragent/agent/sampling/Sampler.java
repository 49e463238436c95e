package org.sensoragent.agent.sampling;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.Stats;
import org.sensoragent.agent.clock.ClockWatch;
import org.sensoragent.agent.clock.Sleeper;
import org.sensoragent.agent.queue.ReadingQueue;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.SensorException;
import org.tinylog.Logger;

/**
 * Reads each sensor on its own interval, aligned to wall-clock multiples of it (a 10 s sensor at
 * :00, :10, …; the first read at the first boundary after {@link #start()}), and stores the readings
 * due at one instant as one round with one {@link ReadingQueue#append}. Each reading is stamped with
 * its boundary, whether the clock was trusted, and the monotonic nanos at the round's start.
 *
 * <p>Threads: one "sampler" thread schedules and stores; each sensor reads on its own thread, under
 * its timeout and never past the next round's tick, so a stuck sensor delays no other and is never
 * read twice at once (a read still running at the next tick counts that tick as failed). A round
 * that missed whole boundaries (the clock stepped forward, the host stalled) is skipped, not
 * stamped with a stale boundary. A failing sensor or queue is logged once
 * per change of state and sampling goes on. {@link #start()} and {@link #stop()} are for one
 * controlling thread.
 */
public final class Sampler {

  private final List<SensorWorker> workers = new ArrayList<>();
  private final ReadingQueue queue;
  private final ClockWatch clockWatch;
  private final Stats stats;
  private final Consumer<List<Reading>> onStored;
  private final Runnable onRound;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Duration longestTimeout;
  private final Object lock = new Object();
  private final StoreHealth storeHealth = new StoreHealth();
  private Thread thread;
  private boolean stopping;
  private boolean inRound;

  /**
   * @param onStored gets each stored round of trusted readings, with their sequence numbers (the
   *     forwarder's live lane); called on the sampler thread, must not block
   * @param onRound called on the sampler thread after each round, stored or not (the watchdog)
   * @param clock the wall clock that stamps readings and aligns rounds
   * @param nanoTime the monotonic clock, {@code System::nanoTime} in production
   * @param sleeper waits between rounds
   */
  public Sampler(List<ScheduledSensor> sensors, ReadingQueue queue, ClockWatch clockWatch, Stats stats,
      Consumer<List<Reading>> onStored, Runnable onRound, Clock clock, LongSupplier nanoTime, Sleeper sleeper) {
    if (sensors.isEmpty()) {
      throw new IllegalArgumentException("nothing to sample: no sensors");
    }
    Duration longest = Duration.ZERO;
    for (ScheduledSensor sensor : sensors) {
      workers.add(new SensorWorker(sensor));
      longest = sensor.timeout().compareTo(longest) > 0 ? sensor.timeout() : longest;
    }
    this.longestTimeout = longest;
    this.queue = queue;
    this.clockWatch = clockWatch;
    this.stats = stats;
    this.onStored = onStored;
    this.onRound = onRound;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Starts the sampler thread; the first round is at the next interval boundary. */
  public void start() {
    synchronized (lock) {
      if (thread != null) {
        throw new IllegalStateException("sampler already started");
      }
      long now = clock.millis();
      for (SensorWorker worker : workers) {
        worker.lastBoundaryMillis = Schedule.floor(now, worker.intervalMillis);
      }
      thread = new Thread(this::run, "sampler");
      thread.start();
    }
  }

  /**
   * Stops sampling: a round under way finishes and is stored first (at most the longest sensor
   * timeout plus the append). Blocks until then. Does not close the sensors or the queue.
   */
  public void stop() throws InterruptedException {
    Thread running;
    synchronized (lock) {
      stopping = true;
      running = thread;
      if (running != null && !inRound) {
        running.interrupt(); // only ever while it waits for the next tick
      }
    }
    if (running != null) {
      running.join(longestTimeout.plusSeconds(30).toMillis());
      if (running.isAlive()) {
        Logger.error("sampler: the last round did not finish storing; stopping without it");
      }
    }
    workers.forEach(SensorWorker::shutdown);
  }

  /** Closes every sensor's driver; call after {@link #stop()}. */
  public void closeSensors() {
    workers.forEach(SensorWorker::closeSensor);
  }

  private void run() {
    while (true) {
      try {
        sleeper.sleep(Schedule.untilNextDue(workers, clock.millis()));
      } catch (InterruptedException e) {
        return; // stop() interrupts only between rounds
      }
      synchronized (lock) {
        if (stopping) {
          return;
        }
        inRound = true;
      }
      try {
        roundIfDue();
      } catch (RuntimeException e) {
        Logger.error(e, "sampler: a round failed unexpectedly: {}", e);
      }
      synchronized (lock) {
        inRound = false;
        if (stopping) {
          return; // stop() came during the round and did not interrupt: do not sleep a whole interval
        }
      }
    }
  }

  /** Takes and stores one round if any sensor is due at the wall clock's current time. */
  void roundIfDue() {
    long nowMillis = clock.millis();
    List<SensorWorker> due = Schedule.due(workers, nowMillis);
    if (due.isEmpty()) {
      return; // woke early, or the clock went back a little: wait for the boundary
    }
    boolean trusted = clockWatch.beforeRound();
    long roundNanos = nanoTime.getAsLong();
    long realStart = System.nanoTime(); // timeouts are real time, whatever clock the tests inject
    Map<SensorWorker, Future<List<Measurement>>> reads = new LinkedHashMap<>();
    for (SensorWorker worker : due) {
      worker.lastBoundaryMillis = Schedule.floor(nowMillis, worker.intervalMillis);
      Future<List<Measurement>> read = worker.startRead();
      if (read == null) {
        fail(worker, "the read of the last tick has not returned (timeout "
            + worker.scheduled.timeout().toMillis() + " ms)", null);
      } else {
        reads.put(worker, read);
      }
    }
    // no read may hold the round past the next tick, or a slow sensor would delay the others
    long untilNextTickNanos = Schedule.untilNextDue(workers, nowMillis).toNanos();
    List<Reading> round = new ArrayList<>();
    for (Map.Entry<SensorWorker, Future<List<Measurement>>> entry : reads.entrySet()) {
      SensorWorker worker = entry.getKey();
      List<Measurement> measurements = await(worker, entry.getValue(), realStart, untilNextTickNanos);
      if (measurements != null) {
        worker.succeeded();
        Instant time = Instant.ofEpochMilli(worker.lastBoundaryMillis);
        for (Measurement m : measurements) {
          round.add(new Reading(Reading.UNQUEUED, worker.scheduled.name(), m.quantity(), m.value(), time, trusted,
              roundNanos));
        }
      }
    }
    store(round, trusted);
    onRound.run();
  }

  /** The measurements, or null after counting and logging the failure. */
  private List<Measurement> await(SensorWorker worker, Future<List<Measurement>> read, long realStart,
      long untilNextTickNanos) {
    long allowed = Math.min(worker.scheduled.timeout().toNanos(), untilNextTickNanos);
    long remaining = allowed - (System.nanoTime() - realStart);
    try {
      return read.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      worker.interruptRead(); // the driver may not listen; then its next tick counts as failed
      fail(worker, "no answer within " + allowed / 1_000_000 + " ms"
          + (allowed < worker.scheduled.timeout().toNanos() ? " (the next round was due)" : ""), null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SensorException) {
        fail(worker, cause.getMessage(), null);
      } else {
        fail(worker, "driver bug: " + cause, cause);
      }
    } catch (CancellationException | InterruptedException e) {
      // only stop() shuts the read threads down, after the last round; treat as a failed read
      fail(worker, "read interrupted", null);
    }
    return null;
  }

  private void fail(SensorWorker worker, String cause, Throwable unexpected) {
    stats.addReadError();
    worker.failed(cause, unexpected);
  }

  private void store(List<Reading> round, boolean trusted) {
    if (round.isEmpty()) {
      return;
    }
    List<Reading> stored;
    try {
      stored = queue.append(round);
    } catch (IOException | RuntimeException e) {
      stats.addNotStored(round.size());
      storeHealth.failed(round.size(), e);
      return;
    }
    storeHealth.succeeded();
    stats.addTaken(stored.size());
    if (trusted) {
      onStored.accept(stored);
    }
  }
}
