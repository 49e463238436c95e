package org.sensoragent.agent.forward;

/**
 * The sequence numbers of the last {@code capacity} acknowledged readings, so that a live round
 * the backlog drain already delivered is not sent again. Primitive longs in a ring: a fixed
 * 8 bytes per remembered reading, where a map of boxed numbers would hold about 70 bytes each on a
 * 48 MB heap for as long as the agent runs. Membership is a scan, and only for a number not above
 * the newest one added. Not thread-safe: the forwarder thread alone uses it.
 */
final class RecentAcks {

  private final long[] ring;
  private int next;
  private int size;
  /** The largest number ever added: nothing above it can be in the ring. */
  private long newest = Long.MIN_VALUE;

  RecentAcks(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    ring = new long[capacity]; // only [0, size) is ever read
  }

  /** Remembers {@code seq}, forgetting the oldest remembered one when full. */
  void add(long seq) {
    ring[next] = seq;
    newest = Math.max(newest, seq);
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
  }

  /** A live reading is nearly always newer than every acknowledged one: then no scan is needed. */
  boolean contains(long seq) {
    if (seq > newest) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (ring[i] == seq) {
        return true;
      }
    }
    return false;
  }
}
