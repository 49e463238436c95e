package org.sensoragent.agent.clock;

import java.io.IOException;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.sensoragent.agent.queue.ReadingQueue;
import org.tinylog.Logger;

/**
 * Runs before each sampling round, on the sampler thread: checks whether the clock became trusted
 * and, when it did, re-stamps the queued readings taken before (DESIGN.md "Time"); warns when the
 * wall clock went back between two rounds. Not thread-safe: one sampler thread calls it.
 */
public final class ClockWatch {

  /** Wall and monotonic clock may drift apart by this much between rounds without a word. */
  static final long JUMP_TOLERANCE_MILLIS = 2_000;

  private final ClockTrust trust;
  private final ReadingQueue queue;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private boolean restamped;
  private boolean restampFailing;
  private long lastWallMillis = Long.MIN_VALUE;
  private long lastNanos;

  /** @param nanoTime the monotonic clock readings record, {@code System::nanoTime} in production */
  public ClockWatch(ClockTrust trust, ReadingQueue queue, Clock clock, LongSupplier nanoTime) {
    this.trust = trust;
    this.queue = queue;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  /**
   * Call before taking a round's readings: they are stamped as trusted only if this returns true.
   * A failed re-stamp (queue unreadable) is logged once and tried again before the next round; the
   * readings concerned stay queued, unsent.
   */
  public boolean beforeRound() {
    long wallMillis = clock.millis();
    long nanos = nanoTime.getAsLong();
    noticeJump(wallMillis, nanos);
    boolean trusted = trust.check();
    if (trusted && !restamped) {
      restamp(wallMillis - nanos / 1_000_000);
    }
    return trusted;
  }

  private void noticeJump(long wallMillis, long nanos) {
    if (lastWallMillis != Long.MIN_VALUE) {
      long wallDelta = wallMillis - lastWallMillis;
      long monotonicDelta = (nanos - lastNanos) / 1_000_000;
      long skewMillis = wallDelta - monotonicDelta;
      if (skewMillis < -JUMP_TOLERANCE_MILLIS) {
        Logger.warn(
            "clock: the wall clock went back {} s between two rounds; readings may repeat a time already sent",
            Math.round(-skewMillis / 1000.0));
      } else if (skewMillis > JUMP_TOLERANCE_MILLIS) {
        Logger.info("clock: the wall clock stepped forward {} s between two rounds", Math.round(skewMillis / 1000.0));
      }
    }
    lastWallMillis = wallMillis;
    lastNanos = nanos;
  }

  private void restamp(long epochMillisAtNanoZero) {
    try {
      int count = queue.restamp(epochMillisAtNanoZero);
      restamped = true;
      restampFailing = false;
      if (count > 0) {
        Logger.info("clock: trusted; re-stamped {} reading(s) taken before from the monotonic clock", count);
      } else {
        Logger.debug("clock: trusted; no queued reading needed re-stamping");
      }
    } catch (IOException e) {
      if (!restampFailing) {
        Logger.error("clock: trusted, but re-stamping the queued readings failed: {}; trying again next round",
            e.getMessage());
        restampFailing = true;
      }
    }
  }
}
