package org.sensoragent.agent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters for the summary line, since the agent started. Thread-safe: the sampler and the
 * forwarder count from their own threads; a reader sees each counter's latest value, not a
 * snapshot of all of them at one instant.
 */
public final class Stats {

  private final AtomicLong taken = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong readErrors = new AtomicLong();
  private final AtomicLong notStored = new AtomicLong();

  /** Readings stored in the queue by the sampler. */
  public void addTaken(int readings) {
    taken.addAndGet(readings);
  }

  /** Readings the back end acknowledged. */
  public void addPublished(int readings) {
    published.addAndGet(readings);
  }

  /** One sensor read that failed, timed out or was skipped because the last one still ran. */
  public void addReadError() {
    readErrors.incrementAndGet();
  }

  /** Readings lost because the queue could not store their round. */
  public void addNotStored(int readings) {
    notStored.addAndGet(readings);
  }

  public long taken() {
    return taken.get();
  }

  public long published() {
    return published.get();
  }

  public long readErrors() {
    return readErrors.get();
  }

  public long notStored() {
    return notStored.get();
  }

  /**
   * The summary line.
   *
   * @param queued readings waiting in the queue, or -1 when the queue does not count them
   * @param dropped readings the queue dropped because it was full, or -1 when unknown
   */
  public String summary(long queued, long dropped) {
    StringBuilder line = new StringBuilder("summary: taken ").append(taken())
        .append(", published ").append(published())
        .append(", queued ").append(queued < 0 ? "?" : Long.toString(queued))
        .append(", dropped ").append(dropped < 0 ? "?" : Long.toString(dropped))
        .append(", read errors ").append(readErrors());
    if (notStored() > 0) {
      line.append(", not stored ").append(notStored());
    }
    return line.toString();
  }
}
