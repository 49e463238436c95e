package org.sensoragent.agent;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.sensoragent.agent.clock.ClockTrust;
import org.sensoragent.agent.clock.ClockWatch;
import org.sensoragent.agent.clock.Sleeper;
import org.sensoragent.agent.config.ForwardConfig;
import org.sensoragent.agent.config.LogConfig;
import org.sensoragent.agent.forward.Forwarder;
import org.sensoragent.agent.queue.ReadingQueue;
import org.sensoragent.agent.sampling.Sampler;
import org.sensoragent.agent.sampling.ScheduledSensor;
import org.sensoragent.agent.transport.Transport;
import org.tinylog.Logger;

/**
 * The running pipeline: sensors → {@link Sampler} → queue → {@link Forwarder} → transport, plus a
 * summary line every {@code [log] summary}. Shared by {@code run} and {@code demo}; it builds
 * nothing from config itself. It owns what it is given: {@link #close()} closes the sensors, the
 * transport and the queue. {@link #start()} and {@link #close()} are for one controlling thread.
 */
public final class Agent implements Closeable {

  private final List<ScheduledSensor> sensors;
  private final ReadingQueue queue;
  private final Transport transport;
  private final LongSupplier nanoTime;
  private final long summaryNanos;
  private final Stats stats = new Stats();
  private final Sampler sampler;
  private final Forwarder forwarder;
  private final Runnable onRound;
  private long lastSummaryNanos;
  private boolean started;
  private boolean closed;

  /**
   * @param clock the wall clock that stamps readings, {@link Clock#systemUTC()} in production
   * @param onRound runs on the sampler thread after every round, e.g. systemd's {@code WATCHDOG=1};
   *     must not block
   */
  public Agent(ForwardConfig forward, LogConfig log, List<ScheduledSensor> sensors, ReadingQueue queue,
      Transport transport, ClockTrust clockTrust, Clock clock, Runnable onRound) {
    this(forward, log, sensors, queue, transport, clockTrust, clock, onRound, System::nanoTime, Sleeper.SYSTEM,
        new SplittableRandom());
  }

  /** With injected monotonic clock, sleeper and jitter source: for tests on virtual time. */
  public Agent(ForwardConfig forward, LogConfig log, List<ScheduledSensor> sensors, ReadingQueue queue,
      Transport transport, ClockTrust clockTrust, Clock clock, Runnable onRound, LongSupplier nanoTime,
      Sleeper sleeper, RandomGenerator random) {
    this.sensors = List.copyOf(sensors);
    this.queue = queue;
    this.transport = transport;
    this.nanoTime = nanoTime;
    this.summaryNanos = log.summary().toNanos();
    this.onRound = onRound;
    this.forwarder = new Forwarder(forward, queue, transport, clockTrust::isTrusted, stats, nanoTime, sleeper, random);
    ClockWatch clockWatch = new ClockWatch(clockTrust, queue, clock, nanoTime);
    this.sampler = new Sampler(this.sensors, queue, clockWatch, stats, forwarder::offerLive, this::afterRound, clock,
        nanoTime, sleeper);
  }

  /** Starts forwarding and sampling; returns at once. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("agent already started");
    }
    started = true;
    lastSummaryNanos = nanoTime.getAsLong();
    Logger.info("agent: sampling {} sensor(s), forwarding to {}", sensors.size(), transport.describe());
    forwarder.start();
    sampler.start();
  }

  /** The counters behind the summary line. */
  public Stats stats() {
    return stats;
  }

  /**
   * Stops cleanly: the round under way is stored, the forwarder stops (unacknowledged readings stay
   * queued), then the transport, the queue and the sensors are closed and a last summary is logged.
   * Idempotent. Blocks for at most a sensor timeout plus a couple of seconds.
   *
   * @throws IOException the first failure to close the transport or the queue, after trying all
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    boolean interrupted = false;
    try {
      sampler.stop();
      forwarder.stop();
    } catch (InterruptedException e) {
      interrupted = true; // finish closing, then tell the caller
    }
    Logger.info(summaryLine());
    IOException failure = null;
    for (Closeable part : List.<Closeable>of(transport, queue)) {
      try {
        part.close();
      } catch (IOException e) {
        Logger.error("agent: closing {} failed: {}", part == queue ? "the queue" : transport.describe(), e.getMessage());
        failure = failure == null ? e : failure;
      }
    }
    sampler.closeSensors();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void afterRound() {
    long now = nanoTime.getAsLong();
    if (now - lastSummaryNanos >= summaryNanos) {
      lastSummaryNanos = now;
      Logger.info(summaryLine());
    }
    onRound.run();
  }

  private String summaryLine() {
    long queued;
    try {
      queued = queue.depth();
    } catch (IOException e) {
      queued = -1;
    }
    return stats.summary(queued, queue.dropped());
  }
}
