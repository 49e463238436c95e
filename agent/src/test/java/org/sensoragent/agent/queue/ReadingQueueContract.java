package org.sensoragent.agent.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.drivers.Quantity;

/** What every {@link ReadingQueue} promises, whatever keeps the readings. */
abstract class ReadingQueueContract {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;
  ReadingQueue queue;

  /** A fresh, empty queue. */
  abstract ReadingQueue newQueue(Path dir) throws IOException;

  @BeforeEach
  void open() throws IOException {
    queue = newQueue(dir);
  }

  @AfterEach
  void close() throws IOException {
    queue.close();
  }

  /** One round of {@code count} trusted readings, at millisecond times (the queue stores milliseconds). */
  static List<Reading> round(int round, int count) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      readings.add(Reading.of("s" + i, Quantity.TEMPERATURE, round + i / 10.0, T0.plusSeconds(10L * round)));
    }
    return readings;
  }

  static Reading untrusted(String sensor, long monotonicNanos) {
    return new Reading(Reading.UNQUEUED, sensor, Quantity.TEMPERATURE, 20.5,
        Instant.ofEpochSecond(0), false, monotonicNanos);
  }

  static List<Long> seqs(List<Reading> readings) {
    return readings.stream().map(Reading::seq).toList();
  }

  @Test
  void appendNumbersEachReadingInRisingOrderAndKeepsItsFields() throws IOException {
    List<Reading> first = queue.append(round(0, 3));
    List<Reading> second = queue.append(round(1, 2));

    List<Reading> all = new ArrayList<>(first);
    all.addAll(second);
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i).seq() > all.get(i - 1).seq(), "rising: " + seqs(all));
    }
    assertEquals(round(0, 3).get(2).withSeq(first.get(2).seq()), first.get(2));
    assertEquals(all, queue.peek(10));
  }

  @Test
  void emptyRoundStoresNothing() throws IOException {
    assertEquals(List.of(), queue.append(List.of()));
    assertEquals(List.of(), queue.peek(10));
  }

  @Test
  void peekIsOldestFirstBoundedAndDoesNotRemove() throws IOException {
    List<Reading> stored = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      stored.addAll(queue.append(round(r, 3)));
    }
    assertEquals(stored.subList(0, 4), queue.peek(4));
    assertEquals(stored.subList(0, 4), queue.peek(4));
    assertEquals(stored, queue.peek(100));
    assertEquals(List.of(), queue.peek(0));
  }

  @Test
  void peekAfterReadsTheNextBatchWithoutTheOneBeingSent() throws IOException {
    List<Reading> stored = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      stored.addAll(queue.append(round(r, 3)));
    }
    List<Reading> sending = queue.peek(4);
    assertEquals(stored.subList(4, 8), queue.peekAfter(sending.get(3).seq(), 4));
    assertEquals(stored.subList(0, 4), queue.peek(4), "the batch being sent is still queued");

    queue.remove(sending);
    assertEquals(stored.subList(4, 9), queue.peek(100));
    assertEquals(List.of(), queue.peekAfter(stored.get(8).seq(), 100));
  }

  @Test
  void removeForgetsExactlyTheAcknowledgedEvenWhenNotContiguous() throws IOException {
    List<Reading> backlog = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      backlog.addAll(queue.append(round(r, 3)));
    }
    List<Reading> live = queue.append(round(4, 3));

    queue.remove(live); // live readings go first, while the backlog waits
    queue.remove(List.of(backlog.get(1), backlog.get(5))); // a partial acknowledgement with gaps

    List<Reading> expected = new ArrayList<>(backlog);
    expected.remove(5);
    expected.remove(1);
    assertEquals(expected, queue.peek(100));
  }

  @Test
  void removingUnknownOrAlreadyRemovedReadingsIsANoOp() throws IOException {
    List<Reading> stored = queue.append(round(0, 3));
    queue.remove(stored.subList(0, 1));
    queue.remove(stored.subList(0, 1));
    queue.remove(List.of(round(9, 1).get(0), stored.get(0).withSeq(999_999)));

    assertEquals(stored.subList(1, 3), queue.peek(10));
  }

  @Test
  void untrustedReadingsAreHeldBackUntilRestampedFromTheirMonotonicTime() throws IOException {
    List<Reading> before = queue.append(List.of(untrusted("a", 5_000_000_123L), untrusted("b", 6_000_000_000L)));
    List<Reading> after = queue.append(round(1, 1));
    assertEquals(after, queue.peek(10), "untrusted readings are not sent");

    long epochMillisAtNanoZero = T0.toEpochMilli() - 60_000;
    assertEquals(2, queue.restamp(epochMillisAtNanoZero));

    List<Reading> peeked = queue.peek(10);
    assertEquals(List.of(before.get(0).seq(), before.get(1).seq(), after.get(0).seq()), seqs(peeked));
    assertEquals(Instant.ofEpochMilli(epochMillisAtNanoZero + 5_000), peeked.get(0).time());
    assertEquals(Instant.ofEpochMilli(epochMillisAtNanoZero + 6_000), peeked.get(1).time());
    assertTrue(peeked.get(0).clockTrusted());
    assertEquals(0, queue.restamp(epochMillisAtNanoZero), "nothing left to re-stamp");
  }

  @Test
  void closedQueueRefusesWork() throws IOException {
    queue.close();
    assertThrows(IOException.class, () -> queue.append(round(0, 1)));
    assertThrows(IOException.class, () -> queue.peek(1));
  }

  @Test
  void samplerAndForwarderThreadsTogetherDeliverEveryReadingOnce() throws Exception {
    int rounds = 300;
    Thread sampler = new Thread(() -> {
      try {
        for (int r = 0; r < rounds; r++) {
          queue.append(round(r, 3));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    sampler.start();
    Set<Long> delivered = new HashSet<>();
    long lastSeq = 0;
    while (delivered.size() < rounds * 3) {
      boolean samplerDone = !sampler.isAlive(); // before the peek, or the last round could be missed
      List<Reading> batch = queue.peek(50);
      for (Reading reading : batch) {
        assertTrue(delivered.add(reading.seq()), "delivered twice: " + reading);
        assertTrue(reading.seq() > lastSeq, "out of order: " + reading.seq() + " after " + lastSeq);
        lastSeq = reading.seq();
      }
      queue.remove(batch);
      if (batch.isEmpty() && samplerDone) {
        break;
      }
    }
    sampler.join();
    assertEquals(rounds * 3, delivered.size());
    assertEquals(List.of(), queue.peek(10));
  }
}
