package org.sensoragent.agent.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.Stats;
import org.sensoragent.agent.config.ForwardConfig;
import org.sensoragent.agent.fakes.CaptureWriter;
import org.sensoragent.agent.fakes.FakeTime;
import org.sensoragent.agent.fakes.FixedRandom;
import org.sensoragent.agent.fakes.MemoryQueue;
import org.sensoragent.agent.fakes.RecordingTransport;
import org.sensoragent.agent.transport.TransportException.Retry;
import org.sensoragent.drivers.Quantity;

class ForwarderTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final RandomGenerator TOP_OF_RANGE = new FixedRandom(0.999_999_9);

  private final FakeTime time = FakeTime.at("2026-03-01T12:00:00Z");
  private final MemoryQueue queue = new MemoryQueue();
  private final RecordingTransport transport = new RecordingTransport();
  private final Stats stats = new Stats();
  private final AtomicBoolean clockTrusted = new AtomicBoolean(true);
  private final List<Long> depthAtPublish = new ArrayList<>();
  private Forwarder forwarder;

  @BeforeEach
  void captureLog() {
    CaptureWriter.clear();
    transport.onPublish(() -> depthAtPublish.add(queue.depth()));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (forwarder != null) {
      forwarder.stop();
    }
  }

  @Test
  void drainsTheBacklogOldestFirstInBatchesAndRemovesWhatWasAcknowledged() throws Exception {
    queued(10);
    start(4, TOP_OF_RANGE);
    transport.awaitAcknowledged(10);
    queue.awaitDepth(0);

    assertEquals(List.of(List.of(1L, 2L, 3L, 4L), List.of(5L, 6L, 7L, 8L), List.of(9L, 10L)), seqsOfBatches());
    assertEquals(0, queue.depth());
    assertEquals(10, stats.published());
  }

  @Test
  void sendsTheNextBatchBeforeRemovingTheAcknowledgedOne() throws Exception {
    List<Integer> batchesStartedAtRemove = new ArrayList<>();
    queue.onRemove(() -> {
      try {
        transport.awaitBatches(2); // the disk is slow: does the link wait for it?
      } catch (AssertionError | InterruptedException e) {
        // it did: the second batch never started while the first was being removed
      }
      synchronized (batchesStartedAtRemove) {
        batchesStartedAtRemove.add(transport.batches().size());
      }
    });
    queued(8);
    start(4, TOP_OF_RANGE);
    transport.awaitAcknowledged(8);
    queue.awaitDepth(0);

    synchronized (batchesStartedAtRemove) {
      assertEquals(2, batchesStartedAtRemove.get(0), "batch 2 was on its way while batch 1 was removed");
    }
    assertEquals(List.of(List.of(1L, 2L, 3L, 4L), List.of(5L, 6L, 7L, 8L)), seqsOfBatches());
  }

  @Test
  void keepsTheWholeBatchQueuedWhenAPublishFails() throws Exception {
    queued(3);
    transport.failPublish(Retry.SOON, "connection lost", 0);
    start(4, TOP_OF_RANGE);
    transport.awaitAcknowledged(3);
    queue.awaitDepth(0);

    assertEquals(List.of(List.of(1L, 2L, 3L), List.of(1L, 2L, 3L)), seqsOfBatches());
    assertEquals(List.of(3L, 3L), depthAtPublish, "nothing removed after the failure");
    assertEquals(3, stats.published());
  }

  @Test
  void removesOnlyThePartOfABatchThatWasAcknowledged() throws Exception {
    queued(4);
    transport.failPublish(Retry.SOON, "PUBACK timeout", 2);
    start(4, TOP_OF_RANGE);
    transport.awaitAcknowledged(4);
    queue.awaitDepth(0);

    assertEquals(List.of(List.of(1L, 2L, 3L, 4L), List.of(3L, 4L)), seqsOfBatches());
    assertEquals(List.of(4L, 2L), depthAtPublish);
    assertEquals(4, stats.published());
  }

  @Test
  void sendsLiveReadingsBeforeTheBacklogAndNothingTwice() throws Exception {
    queued(6);
    List<Reading> live = queue.append(List.of(reading(100), reading(101)));
    forwarder = forwarder(4, TOP_OF_RANGE);
    forwarder.offerLive(live);
    forwarder.start();
    transport.awaitAcknowledged(8);

    assertEquals(List.of(List.of(7L, 8L), List.of(1L, 2L, 3L, 4L), List.of(5L, 6L)), seqsOfBatches());
    List<Long> sent = transport.acknowledged().stream().map(Reading::seq).toList();
    assertEquals(sent.size(), new HashSet<>(sent).size(), "each reading sent once: " + sent);
    assertFalse(transport.overlapped(), "one publish at a time");
  }

  @Test
  void aLiveRoundAlreadySentWithTheBacklogIsNotSentAgain() throws Exception {
    List<Reading> stored = queue.append(List.of(reading(0), reading(1)));
    start(4, TOP_OF_RANGE);
    transport.awaitAcknowledged(2);
    forwarder.offerLive(stored); // arrives late: the backlog already carried it
    queued(1);
    transport.awaitAcknowledged(3);

    assertEquals(List.of(List.of(1L, 2L), List.of(3L)), seqsOfBatches());
  }

  @Test
  void neverSendsAnUntrustedReadingFromTheLiveLane() throws Exception {
    Reading untrusted = new Reading(Reading.UNQUEUED, "air", Quantity.TEMPERATURE, 20, Instant.EPOCH, false, 42);
    List<Reading> stored = queue.append(List.of(untrusted, reading(0)));
    forwarder = forwarder(4, TOP_OF_RANGE);
    forwarder.offerLive(stored);
    forwarder.start();
    transport.awaitAcknowledged(1);

    assertEquals(List.of(List.of(2L)), seqsOfBatches());
  }

  @Test
  void waitsForATrustedClockBeforeConnecting() throws Exception {
    clockTrusted.set(false);
    queued(1);
    start(4, TOP_OF_RANGE);
    CaptureWriter.await(line -> line.contains("waiting for a trusted clock"));
    assertEquals(0, transport.connects());

    clockTrusted.set(true);
    forwarder.wake();
    transport.awaitAcknowledged(1);
    assertEquals(1, transport.connects());
  }

  @Test
  void backsOffExponentiallyUpToTheCapAndLogsTheCauseOnce() throws Exception {
    transport.failConnects(8, Retry.SOON, "broker.example.net:8883: connection refused");
    queued(1);
    start(4, TOP_OF_RANGE);
    transport.awaitAcknowledged(1);

    assertEquals(seconds(1, 2, 4, 8, 16, 32, 60, 60), time.sleeps());
    assertEquals(1, CaptureWriter.lines("connection refused").stream().filter(l -> l.startsWith("WARN")).count());
    CaptureWriter.await(line -> line.startsWith("INFO") && line.contains("again after 8 failed attempt(s)"));
  }

  @Test
  void jittersEachWaitWithinZeroAndItsCeiling() throws Exception {
    transport.failConnects(4, Retry.SOON, "no route to host");
    queued(1);
    start(4, new FixedRandom(0.5));
    transport.awaitAcknowledged(1);

    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
        time.sleeps());
  }

  @Test
  void resetsTheBackoffOnceAConnectionWasStable() throws Exception {
    AtomicInteger publishes = new AtomicInteger();
    transport.onPublish(() -> {
      if (publishes.incrementAndGet() == 1) {
        time.advance(Duration.ofSeconds(61)); // the link stays up longer than stableAfter (60 s)
      }
    });
    transport.failConnects(3, Retry.SOON, "timeout").succeedPublish().failPublish(Retry.SOON, "connection lost", 0);
    queued(2);
    start(1, TOP_OF_RANGE);
    transport.awaitAcknowledged(2);

    assertEquals(seconds(1, 2, 4, 1), time.sleeps());
  }

  @Test
  void keepsGrowingWhenTheConnectionDropsBeforeItWasStable() throws Exception {
    transport.failConnects(3, Retry.SOON, "timeout").succeedPublish().failPublish(Retry.SOON, "connection lost", 0);
    queued(2);
    start(1, TOP_OF_RANGE);
    transport.awaitAcknowledged(2);

    assertEquals(seconds(1, 2, 4, 8), time.sleeps());
  }

  @Test
  void waitsRefusedRetryAfterARefusalInsteadOfHammering() throws Exception {
    transport.failConnects(2, Retry.SLOWLY, "not authorized (0x87)");
    transport.failPublish(Retry.SLOWLY, "4.03 Forbidden", 0);
    queued(1);
    start(4, TOP_OF_RANGE);
    transport.awaitAcknowledged(1);

    assertEquals(seconds(300, 300, 300), time.sleeps());
    assertEquals(1, CaptureWriter.lines("refused: not authorized (0x87)").size());
    assertEquals(1, CaptureWriter.lines("refused: 4.03 Forbidden").size());
    queue.awaitDepth(0); // still delivered in the end
  }

  @Test
  void stopEndsASendWaitingForItsAcknowledgementAndKeepsTheBatch() throws Exception {
    transport.blockPublishes(true);
    queued(2);
    start(4, TOP_OF_RANGE);
    transport.awaitBatches(1);

    forwarder.stop();

    assertEquals(2, queue.depth());
    assertEquals(0, stats.published());
  }

  private void start(int batch, RandomGenerator random) {
    forwarder = forwarder(batch, random);
    forwarder.start();
  }

  private Forwarder forwarder(int batch, RandomGenerator random) {
    ForwardConfig config = new ForwardConfig(batch, Duration.ofSeconds(1), Duration.ofSeconds(60),
        Duration.ofSeconds(60), Duration.ofMinutes(5));
    return new Forwarder(config, queue, transport, clockTrusted::get, stats, time::nanoTime, time, random);
  }

  private void queued(int count) throws IOException {
    List<Reading> round = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      round.add(reading(i));
    }
    queue.append(round);
  }

  private static Reading reading(int i) {
    return Reading.of("air", Quantity.TEMPERATURE, 20 + i / 10.0, T0.plusSeconds(10L * i));
  }

  private List<List<Long>> seqsOfBatches() {
    return transport.batches().stream().map(b -> b.stream().map(Reading::seq).toList()).toList();
  }

  private static List<Duration> seconds(long... values) {
    return java.util.Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
  }
}
