package org.sensoragent.agent.systemd;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Feeds systemd's watchdog while the sampler makes progress. The sampler reports each round with
 * {@link #roundDone()}; every watchdog interval the feeder sends {@code WATCHDOG=1} only if the
 * last round is no older than the longest a healthy sampler can take (its longest interval plus
 * a read timeout). A hung sampler therefore stops the pings and systemd restarts the service,
 * while sensors read every few minutes do not trip a 90-second watchdog. Thread-safe.
 */
public final class WatchdogFeeder implements AutoCloseable {

  private final SystemdNotify notify;
  private final long allowedSilenceNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong lastRoundNanos;
  private ScheduledExecutorService timer;

  /**
   * @param longestRound the longest sensor interval plus its read timeout: the most a healthy
   *     sampler can go without finishing a round
   */
  public WatchdogFeeder(SystemdNotify notify, Duration longestRound, LongSupplier nanoTime) {
    this.notify = notify;
    this.nanoTime = nanoTime;
    this.allowedSilenceNanos = longestRound.plus(notify.watchdogInterval().orElse(Duration.ZERO)).toNanos();
    this.lastRoundNanos = new AtomicLong(nanoTime.getAsLong());
  }

  /** Called by the sampler after every round; never blocks. */
  public void roundDone() {
    lastRoundNanos.set(nanoTime.getAsLong());
  }

  /** Pings now if the sampler is alive; true when a ping was sent. */
  public boolean feed() {
    if (nanoTime.getAsLong() - lastRoundNanos.get() > allowedSilenceNanos) {
      return false; // the sampler is stuck: let systemd's watchdog fire
    }
    return notify.watchdog();
  }

  /** Starts pinging every watchdog interval; does nothing when systemd runs no watchdog. */
  public synchronized void start() {
    notify.watchdogInterval().ifPresent(interval -> {
      timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "watchdog");
        thread.setDaemon(true);
        return thread;
      });
      timer.scheduleAtFixedRate(this::feed, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
