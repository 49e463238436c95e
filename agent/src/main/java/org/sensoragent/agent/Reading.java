package org.sensoragent.agent;

import java.time.Instant;
import java.util.Objects;
import org.sensoragent.drivers.Quantity;

/**
 * One value of one quantity of one sensor, and when it was taken: the one model every part shares.
 *
 * <p>{@code clockTrusted} says whether the wall clock was trusted when the reading was taken; an
 * untrusted reading carries {@code monotonicNanos} ({@link System#nanoTime()} of this boot) so
 * that it can be re-stamped once the clock is trusted, and is never sent before that. {@code seq}
 * is the queue's sequence number, never reused; {@link #UNQUEUED} until the queue assigns one.
 */
public record Reading(
    long seq,
    String sensor,
    Quantity quantity,
    double value,
    Instant time,
    boolean clockTrusted,
    long monotonicNanos) {

  public static final long UNQUEUED = -1;

  public Reading {
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(time, "time");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(sensor + "/" + quantity.label() + " is not finite: " + value);
    }
  }

  /** A reading taken at a trusted time, not yet queued. */
  public static Reading of(String sensor, Quantity quantity, double value, Instant time) {
    return new Reading(UNQUEUED, sensor, quantity, value, time, true, 0);
  }

  public Reading withSeq(long newSeq) {
    return new Reading(newSeq, sensor, quantity, value, time, clockTrusted, monotonicNanos);
  }

  /** The same reading at a corrected, trusted time. */
  public Reading restamped(Instant trustedTime) {
    return new Reading(seq, sensor, quantity, value, trustedTime, true, monotonicNanos);
  }

  /** SenML name: {@code <sensor>/<quantity>}. */
  public String senmlName() {
    return sensor + "/" + quantity.label();
  }
}
