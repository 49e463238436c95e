package org.sensoragent.agent.forward;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.Stats;
import org.sensoragent.agent.clock.Sleeper;
import org.sensoragent.agent.config.ForwardConfig;
import org.sensoragent.agent.queue.ReadingQueue;
import org.sensoragent.agent.transport.Transport;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;
import org.tinylog.Logger;

/**
 * Drains the queue into the transport: the only class that knows both. It connects only once the
 * clock is trusted, sends the live lane (the newest rounds) before the backlog, drains the backlog
 * oldest first as fast as acknowledgements come back, and removes from the queue only what the
 * back end acknowledged. It owns retries: {@link Backoff} for {@link Retry#SOON} failures, reset
 * once a connection stayed up {@code stableAfter}; {@code refusedRetry} for {@link Retry#SLOWLY}.
 *
 * <p>Threads: the "forwarder" thread does everything but wait for acknowledgements: a {@link Sender}
 * publishes one batch at a time on a thread of its own while the forwarder reads the next batch
 * (never one reading of the batch in flight), then collects the acknowledgement, starts the next
 * batch, and removes what was acknowledged while that one is on its way. So no reading is ever in
 * two sends at once (it may be sent again after a failure or a crash before its removal: delivery
 * is at least once), and a batch read ahead is dropped,
 * not sent, when the one in flight failed: its readings stay queued, a live one goes out with the
 * backlog. {@link #offerLive}, {@link #wake} and {@link #stop} may be called from any thread.
 */
public final class Forwarder {

  /** How long an idle forwarder waits for a live round before it looks at the queue again. */
  static final long IDLE_MILLIS = 2_000;
  /** How long {@link #stop()} waits for a send under way to give up. */
  static final long STOP_MILLIS = 2_000;
  private static final long NOT_CONNECTED = Long.MIN_VALUE;

  private final ForwardConfig config;
  private final ReadingQueue queue;
  private final Transport transport;
  private final BooleanSupplier clockTrusted;
  private final Stats stats;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final LiveLane lane;
  private final LinkLog log;
  private final RecentAcks recentlyAcked;
  private final Sender sender;
  /** Whether the batch in flight came from the backlog (then it is the oldest run of peeked readings). */
  private boolean inFlightFromBacklog;
  private volatile boolean running;
  private Thread thread;
  private boolean connected;
  private long connectedAtNanos = NOT_CONNECTED;

  /**
   * @param clockTrusted whether the wall clock is trusted; polled, must not block
   * @param nanoTime monotonic clock for "stable for stableAfter", {@code System::nanoTime} in production
   * @param sleeper waits out back-off and refusals
   * @param random the jitter source
   */
  public Forwarder(ForwardConfig config, ReadingQueue queue, Transport transport, BooleanSupplier clockTrusted,
      Stats stats, LongSupplier nanoTime, Sleeper sleeper, RandomGenerator random) {
    this.config = config;
    this.queue = queue;
    this.transport = transport;
    this.clockTrusted = clockTrusted;
    this.stats = stats;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.backoff = new Backoff(config.backoffMin(), config.backoffMax(), random);
    this.lane = new LiveLane(config.batch());
    this.log = new LinkLog(transport.describe());
    this.sender = new Sender(transport);
    this.recentlyAcked = new RecentAcks(2 * config.batch());
  }

  /**
   * Hands over a round just stored (readings with sequence numbers and trusted times), to be sent
   * before the backlog. Never blocks; when the lane is full its oldest readings wait in the queue.
   */
  public void offerLive(List<Reading> storedRound) {
    lane.offer(storedRound);
  }

  /** Makes an idle forwarder look at the queue now (for instance after readings were re-stamped). */
  public void wake() {
    lane.wake();
  }

  /** Starts the forwarder thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("forwarder already started");
    }
    running = true;
    thread = new Thread(this::run, "forwarder");
    thread.start();
  }

  /**
   * Stops the thread: interrupts a back-off wait or a send, and waits at most {@link #STOP_MILLIS}
   * for it to end; a transport that ignores interrupts is left to {@link Transport#close()}. A batch
   * interrupted before its acknowledgement stays queued. Does not close the transport or the queue.
   */
  public void stop() throws InterruptedException {
    Thread worker;
    synchronized (this) {
      running = false;
      worker = thread;
    }
    if (worker != null) {
      lane.wake();
      worker.interrupt();
      worker.join(STOP_MILLIS);
      if (worker.isAlive()) {
        Logger.warn("forward: a send to {} did not stop within {} ms; closing the transport ends it",
            transport.describe(), STOP_MILLIS);
      }
    }
  }

  private void run() {
    try {
      while (running) {
        step();
      }
    } catch (InterruptedException e) {
      // stop() asked us to end; whatever was not acknowledged stays queued
    } catch (RuntimeException e) {
      Logger.error(e, "forward: stopped by an unexpected failure: {}", e);
    } finally {
      Thread.interrupted(); // stop()'s interrupt is handled: now wait for the send to end
      try {
        sender.stop(STOP_MILLIS); // not acknowledged yet: that batch stays queued
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One connect-or-send attempt, or one wait. */
  private void step() throws InterruptedException {
    if (!clockTrusted.getAsBoolean()) {
      log.waitingForClock(); // TLS checks certificates against the clock: wait for a good one
      lane.await(IDLE_MILLIS);
      return;
    }
    try {
      if (!connected) {
        transport.connect();
        connected = true;
        connectedAtNanos = nanoTime.getAsLong();
        log.connected();
      }
      List<Reading> batch = nextBatch(); // read while the batch in flight waits for its acknowledgement
      List<Reading> sent = sender.await();
      boolean sending = batch != null && !batch.isEmpty();
      if (sending) {
        sender.start(batch); // before removing the acknowledged batch: the link never waits for the disk
      }
      if (!sent.isEmpty()) {
        acknowledged(sent);
        log.delivered();
      }
      if (batch != null && batch.isEmpty() && sent.isEmpty()) {
        lane.await(IDLE_MILLIS);
      }
      // batch == null: the queue failed and we waited; try again
    } catch (TransportException e) {
      acknowledged(e.acknowledged());
      retryLater(e.retry(), e.getMessage());
    } catch (IOException e) {
      retryLater(Retry.SOON, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  /**
   * Live readings first, then the backlog oldest first, none of them in flight; null after a queue
   * failure was waited out.
   */
  private List<Reading> nextBatch() throws InterruptedException {
    List<Reading> inFlight = sender.inFlight();
    Set<Long> sending = new HashSet<>();
    for (Reading reading : inFlight) {
      sending.add(reading.seq());
    }
    List<Reading> live = lane.take(config.batch(),
        r -> !r.clockTrusted() || recentlyAcked.contains(r.seq()) || sending.contains(r.seq()));
    if (!live.isEmpty()) {
      inFlightFromBacklog = false;
      return live;
    }
    try {
      List<Reading> backlog;
      if (inFlight.isEmpty()) {
        backlog = queue.peek(config.batch());
      } else if (inFlightFromBacklog) {
        // the batch in flight is the oldest peekable run: read on after its newest reading
        backlog = queue.peekAfter(inFlight.get(inFlight.size() - 1).seq(), config.batch());
      } else {
        backlog = queue.peek(config.batch()).stream().filter(r -> !sending.contains(r.seq())).toList();
      }
      inFlightFromBacklog = true;
      log.queueWorks();
      return backlog;
    } catch (IOException e) {
      log.queueFailed("reading the queue", e.getMessage());
      sleeper.sleep(config.backoffMin());
      return null;
    }
  }

  private void acknowledged(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    stats.addPublished(readings.size());
    readings.forEach(r -> recentlyAcked.add(r.seq()));
    try {
      queue.remove(readings);
      log.queueWorks();
    } catch (IOException e) {
      log.queueFailed("removing acknowledged readings (they will be sent again)", e.getMessage());
    }
  }

  private void retryLater(Retry retry, String cause) throws InterruptedException {
    Duration wait;
    if (retry == Retry.SLOWLY) {
      wait = config.refusedRetry();
    } else {
      if (connectedAtNanos != NOT_CONNECTED
          && nanoTime.getAsLong() - connectedAtNanos >= config.stableAfter().toNanos()) {
        backoff.reset(); // the link was good for a while: this is a new outage, start small
      }
      wait = backoff.next();
    }
    connected = false; // connect() again next time; it is a no-op while the link is up
    connectedAtNanos = NOT_CONNECTED;
    log.failed(retry, cause, wait);
    if (running) { // a transport may swallow the interrupt of stop(); do not sleep minutes then
      sleeper.sleep(wait);
    }
  }
}
