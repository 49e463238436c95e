package org.sensoragent.agent.forward;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.Transport;

/**
 * Runs {@link Transport#publish} on a thread of its own, so that the forwarder can read the next
 * batch from the queue while the back end acknowledges this one. At most one batch is in flight:
 * {@link #start} refuses a second before {@link #await} collected the first.
 *
 * <p>Used by the forwarder thread only; the transport is never called by two threads at once
 * (connect happens on the forwarder thread, and only while nothing is in flight).
 */
final class Sender {

  private final Transport transport;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
    Thread sender = new Thread(runnable, "forwarder-send");
    sender.setDaemon(true);
    return sender;
  });
  private List<Reading> batch;
  private Future<?> sending;

  Sender(Transport transport) {
    this.transport = transport;
  }

  /** Starts publishing {@code readings}; returns at once. */
  void start(List<Reading> readings) {
    if (sending != null) {
      throw new IllegalStateException("a batch is already in flight");
    }
    batch = readings;
    sending = thread.submit(() -> {
      transport.publish(readings);
      return null;
    });
  }

  /** The batch in flight, or an empty list. */
  List<Reading> inFlight() {
    return batch == null ? List.of() : batch;
  }

  /**
   * Waits for the batch in flight and returns it, acknowledged; an empty list if none was.
   *
   * @throws IOException what publish threw (a TransportException names what was acknowledged)
   * @throws InterruptedException when the forwarder is stopping; the send is interrupted too and
   *     its batch stays queued
   */
  List<Reading> await() throws IOException, InterruptedException {
    if (sending == null) {
      return List.of();
    }
    List<Reading> sent = batch;
    try {
      sending.get();
      return sent;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      sending.cancel(true);
      throw e;
    } finally {
      if (sending.isDone()) {
        sending = null;
        batch = null;
      }
    }
  }

  /** Interrupts a send under way and waits up to {@code millis} for it to end; true if it did. */
  boolean stop(long millis) throws InterruptedException {
    thread.shutdownNow();
    return thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }
}
