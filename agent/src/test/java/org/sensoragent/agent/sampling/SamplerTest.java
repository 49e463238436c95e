package org.sensoragent.agent.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.Stats;
import org.sensoragent.agent.clock.ClockTrust;
import org.sensoragent.agent.clock.ClockWatch;
import org.sensoragent.agent.config.ClockConfig.Trust;
import org.sensoragent.agent.fakes.CaptureWriter;
import org.sensoragent.agent.fakes.FakeTime;
import org.sensoragent.agent.fakes.MemoryQueue;
import org.sensoragent.agent.fakes.RoundCounter;
import org.sensoragent.agent.fakes.ScriptedSensor;
import org.sensoragent.drivers.Quantity;

class SamplerTest {

  private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

  private final FakeTime time = FakeTime.gatedAt("2026-03-01T12:00:07.300Z");
  private final MemoryQueue queue = new MemoryQueue();
  private final Stats stats = new Stats();
  private final RoundCounter rounds = new RoundCounter();
  private final List<List<Reading>> offered = Collections.synchronizedList(new ArrayList<>());
  private final List<ScriptedSensor> sensors = new ArrayList<>();
  private Sampler sampler;

  @BeforeEach
  void clearLog() {
    CaptureWriter.clear();
  }

  @AfterEach
  void stop() throws InterruptedException {
    sensors.forEach(ScriptedSensor::release);
    if (sampler != null) {
      sampler.stop();
    }
  }

  @Test
  void readsEachSensorAtTheWallClockBoundariesOfItsInterval() throws Exception {
    start(Trust.ALWAYS, scheduled("air", sensor(), 10, 5), scheduled("desk", sensor(), 30, 5));
    time.allow(3);
    rounds.await(3);

    assertEquals(List.of(Duration.ofMillis(2_700), Duration.ofSeconds(10), Duration.ofSeconds(10)), time.sleeps());
    assertEquals(List.of(1, 1, 2), queue.appendSizes(), "one append per round; desk joins at :30");
    List<String> stamped = queue.all().stream().map(r -> r.sensor() + "@" + r.time()).toList();
    assertEquals(List.of("air@2026-03-01T12:00:10Z", "air@2026-03-01T12:00:20Z", "air@2026-03-01T12:00:30Z",
        "desk@2026-03-01T12:00:30Z"), stamped);
  }

  @Test
  void storesEveryQuantityOfARoundInOneAppendAndHandsItToTheForwarder() throws Exception {
    start(Trust.ALWAYS, scheduled("room", sensor(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE), 10, 5),
        scheduled("air", sensor(), 10, 5));
    long nanosAtRound = time.nanoTime() + 2_700_000_000L;
    time.allow(1);
    rounds.await(1);

    assertEquals(List.of(4), queue.appendSizes());
    assertEquals(List.of(queue.all()), offered, "the stored round, with sequence numbers");
    for (Reading reading : queue.all()) {
      assertTrue(reading.clockTrusted());
      assertEquals(nanosAtRound, reading.monotonicNanos());
      assertEquals(NOON.plusSeconds(10), reading.time());
    }
    assertEquals(4, stats.taken());
  }

  @Test
  void aStuckSensorDelaysNoOtherAndIsNeverReadTwiceAtOnce() throws Exception {
    ScriptedSensor stuck = sensor().stick();
    start(Trust.ALWAYS, scheduled("air", sensor(), 10, 5), scheduled("stuck", stuck, 10, 0.2));
    time.allow(3);
    rounds.await(3);

    assertEquals(List.of(1, 1, 1), queue.appendSizes(), "air is stored every round");
    assertEquals(1, stuck.reads(), "no second read while the first still runs");
    assertEquals(3, stats.readErrors());
    List<String> warnings = CaptureWriter.lines("sensor stuck (ScriptedSensor): failing");
    assertEquals(List.of("WARN sensor stuck (ScriptedSensor): failing: no answer within 200 ms"), warnings);

    stuck.release(); // its thread needs a moment to notice: tick until the sensor answers again
    String recovered = "INFO sensor stuck (ScriptedSensor): recovered after";
    for (int round = 4; CaptureWriter.lines(recovered).isEmpty(); round++) {
      assertTrue(round < 100, "the freed sensor never answered");
      time.allow(1);
      rounds.await(round);
    }
    assertEquals(1, CaptureWriter.lines(recovered).size());
    assertEquals(1, CaptureWriter.lines("sensor stuck (ScriptedSensor): failing").size());
    assertFalse(stuck.overlapped());
  }

  @Test
  void aSlowSensorCannotHoldTheRoundPastTheNextTickOfAnother() throws Exception {
    ScriptedSensor slow = sensor().stick();
    start(Trust.ALWAYS, new ScheduledSensor("fast", sensor(), Duration.ofMillis(200), Duration.ofMillis(200)),
        scheduled("slow", slow, 10, 9));
    time.allow(14); // 12:00:07.4 … 12:00:10.0, where both are due
    rounds.await(14);

    assertEquals(1, queue.appendSizes().get(13));
    assertEquals(List.of("WARN sensor slow (ScriptedSensor): failing: no answer within 200 ms (the next round was due)"),
        CaptureWriter.lines("sensor slow"));
  }

  @Test
  void logsAFailingSensorOnceAndItsRecoveryOnceWithoutAStackTrace() throws Exception {
    String cause = "TMP102 at i2c-1/0x48: NACK reading register 0x00";
    start(Trust.ALWAYS, scheduled("desk", sensor().failNext(3, cause), 10, 5));
    time.allow(5);
    rounds.await(5);

    assertEquals(List.of("WARN sensor desk (ScriptedSensor): failing: " + cause),
        CaptureWriter.lines("sensor desk").stream().filter(l -> l.startsWith("WARN")).toList());
    assertEquals(List.of("INFO sensor desk (ScriptedSensor): recovered after 3 failure(s)"),
        CaptureWriter.lines("sensor desk").stream().filter(l -> l.startsWith("INFO")).toList());
    assertEquals(3, stats.readErrors());
    assertEquals(List.of(1, 1), queue.appendSizes());
  }

  @Test
  void aFailingQueueIsLoggedOnceAndSamplingGoesOn() throws Exception {
    queue.failAppends(true);
    start(Trust.ALWAYS, scheduled("air", sensor(), 10, 5));
    time.allow(2);
    rounds.await(2);
    queue.failAppends(false);
    time.allow(1);
    rounds.await(3);

    assertEquals(1, CaptureWriter.lines("queue: storing a round failed: queue.db: disk full").size());
    assertEquals(1, CaptureWriter.lines("queue: storing again after 2 failed round(s), 2 reading(s) lost").size());
    assertEquals(2, stats.notStored());
    assertEquals(1, stats.taken());
  }

  @Test
  void readingsTakenBeforeTheClockIsTrustedAreMarkedAndNotHandedOn() throws Exception {
    start(Trust.SYNC, scheduled("air", sensor(), 10, 5));
    long nanosAtRound = time.nanoTime() + 2_700_000_000L;
    time.allow(1);
    rounds.await(1);

    Reading reading = queue.all().get(0);
    assertFalse(reading.clockTrusted());
    assertEquals(nanosAtRound, reading.monotonicNanos());
    assertEquals(List.of(), offered);
  }

  @Test
  void stopLetsTheRoundUnderWayBeStored() throws Exception {
    ScriptedSensor slow = sensor().stick();
    start(Trust.ALWAYS, scheduled("slow", slow, 10, 9));
    time.allow(1);
    slow.awaitReads(1);
    Thread stopper = new Thread(() -> {
      try {
        sampler.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stopper.start();
    while (stopper.getState() != Thread.State.TIMED_WAITING && stopper.isAlive()) {
      Thread.onSpinWait(); // stop() is now waiting for the round
    }
    slow.release();
    stopper.join();

    assertEquals(List.of(1), queue.appendSizes());
  }

  private void start(Trust trust, ScheduledSensor... scheduled) {
    ClockTrust clockTrust = new ClockTrust(trust, Path.of("/nonexistent"), () -> false, "test sync");
    ClockWatch watch = new ClockWatch(clockTrust, queue, time, time::nanoTime);
    sampler = new Sampler(List.of(scheduled), queue, watch, stats, offered::add, rounds, time, time::nanoTime, time);
    sampler.start();
  }

  private ScriptedSensor sensor(Quantity... quantities) {
    ScriptedSensor sensor = new ScriptedSensor(quantities);
    sensors.add(sensor);
    return sensor;
  }

  private static ScheduledSensor scheduled(String name, ScriptedSensor sensor, long intervalSeconds,
      double timeoutSeconds) {
    return new ScheduledSensor(name, sensor, Duration.ofSeconds(intervalSeconds),
        Duration.ofMillis((long) (timeoutSeconds * 1000)));
  }
}
