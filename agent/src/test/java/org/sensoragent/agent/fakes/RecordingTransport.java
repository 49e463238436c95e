package org.sensoragent.agent.fakes;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.Transport;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * A transport that records every batch and acknowledges it, or fails as scripted: connects or
 * publishes that throw {@link TransportException} with SOON or SLOWLY, publishes that acknowledge
 * only a prefix of the batch, a publish that blocks until interrupted. Thread-safe.
 */
public final class RecordingTransport implements Transport {

  /** What the next connect or publish does instead of succeeding. */
  private record Failure(Retry retry, String message, int acknowledgedPrefix) {}

  private final Deque<Failure> connectFailures = new ArrayDeque<>();
  private final Deque<Failure> publishFailures = new ArrayDeque<>();
  private final List<List<Reading>> batches = new ArrayList<>();
  private final List<Reading> acknowledged = new ArrayList<>();
  private int connects;
  private int inFlight;
  private boolean overlapped;
  private boolean closed;
  private CountDownLatch blockPublish;
  private Runnable onPublish = () -> {};

  public synchronized RecordingTransport failConnects(int times, Retry retry, String message) {
    for (int i = 0; i < times; i++) {
      connectFailures.add(new Failure(retry, message, 0));
    }
    return this;
  }

  /** The next publish fails after the back end acknowledged the first {@code acknowledgedPrefix} readings. */
  public synchronized RecordingTransport failPublish(Retry retry, String message, int acknowledgedPrefix) {
    publishFailures.add(new Failure(retry, message, acknowledgedPrefix));
    return this;
  }

  /** The next publish succeeds; lets a script say "succeed, then fail". */
  public synchronized RecordingTransport succeedPublish() {
    publishFailures.add(new Failure(null, null, 0));
    return this;
  }

  /** Publishes block (until interrupted) while this is set. */
  public synchronized void blockPublishes(boolean block) {
    if (block) {
      blockPublish = new CountDownLatch(1);
    } else if (blockPublish != null) {
      blockPublish.countDown();
      blockPublish = null;
    }
  }

  /** Runs at the start of every publish, on the forwarder thread. */
  public synchronized void onPublish(Runnable action) {
    onPublish = action;
  }

  @Override
  public synchronized void connect() throws IOException {
    connects++;
    Failure failure = connectFailures.poll();
    if (failure != null) {
      throw new TransportException(failure.retry(), failure.message());
    }
  }

  @Override
  public void publish(List<Reading> batch) throws IOException {
    CountDownLatch block;
    Runnable action;
    synchronized (this) {
      overlapped |= ++inFlight > 1;
      batches.add(List.copyOf(batch));
      block = blockPublish;
      action = onPublish;
      notifyAll();
    }
    try {
      action.run();
      if (block != null) {
        try {
          block.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TransportException(Retry.SOON, "interrupted while waiting for the acknowledgement", e);
        }
      }
      synchronized (this) {
        Failure failure = publishFailures.poll();
        if (failure != null && failure.retry() != null) {
          List<Reading> acked = batch.subList(0, Math.min(failure.acknowledgedPrefix(), batch.size()));
          acknowledged.addAll(acked);
          notifyAll();
          throw new TransportException(failure.retry(), failure.message(), acked, null);
        }
        acknowledged.addAll(batch);
        notifyAll();
      }
    } finally {
      synchronized (this) {
        inFlight--;
      }
    }
  }

  @Override
  public String describe() {
    return "recording://test";
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  public synchronized int connects() {
    return connects;
  }

  public synchronized List<List<Reading>> batches() {
    return List.copyOf(batches);
  }

  public synchronized List<Reading> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** Whether two publishes ever ran at the same time. */
  public synchronized boolean overlapped() {
    return overlapped;
  }

  /** Waits (up to 10 s, then fails) until {@code count} readings were acknowledged. */
  public synchronized void awaitAcknowledged(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (acknowledged.size() < count) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError("only " + acknowledged.size() + " of " + count + " readings acknowledged");
      }
      wait(left);
    }
  }

  /** Waits (up to 10 s, then fails) until {@code count} publishes started. */
  public synchronized void awaitBatches(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (batches.size() < count) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError("only " + batches.size() + " of " + count + " publishes");
      }
      wait(left);
    }
  }
}
