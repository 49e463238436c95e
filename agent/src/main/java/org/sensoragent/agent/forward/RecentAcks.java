package org.sensoragent.agent.forward;

import java.util.Arrays;

/**
 * The sequence numbers of the last {@code capacity} acknowledged readings, so that a live round
 * the backlog drain already delivered is not sent again. Primitive longs in a ring: a fixed
 * 8 bytes per remembered reading, where a map of boxed numbers would hold about 70 bytes each on a
 * 48 MB heap for as long as the agent runs. Membership is a scan, fine for the few readings of a
 * live round. Not thread-safe: the forwarder thread alone uses it.
 */
final class RecentAcks {

  private final long[] ring;
  private int next;
  private int size;

  RecentAcks(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    ring = new long[capacity];
    Arrays.fill(ring, Long.MIN_VALUE);
  }

  /** Remembers {@code seq}, forgetting the oldest remembered one when full. */
  void add(long seq) {
    ring[next] = seq;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
  }

  boolean contains(long seq) {
    for (int i = 0; i < size; i++) {
      if (ring[i] == seq) {
        return true;
      }
    }
    return false;
  }
}
