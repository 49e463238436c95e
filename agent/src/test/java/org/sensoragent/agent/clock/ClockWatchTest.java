package org.sensoragent.agent.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.ClockConfig.Trust;
import org.sensoragent.agent.fakes.CaptureWriter;
import org.sensoragent.agent.fakes.FakeTime;
import org.sensoragent.agent.fakes.MemoryQueue;
import org.sensoragent.drivers.Quantity;

class ClockWatchTest {

  private final MemoryQueue queue = new MemoryQueue();
  private final AtomicBoolean synced = new AtomicBoolean();

  @BeforeEach
  void clearLog() {
    CaptureWriter.clear();
  }

  @Test
  void readingsTakenBeforeSyncGetTheirTrueTimesOnceTheClockIsTrusted() throws IOException {
    // A Pi after a power cut: fake-hwclock restored a stale time; NTP answers 20 s after boot.
    FakeTime time = FakeTime.at("2020-01-01T00:00:00Z");
    Instant trueBoot = Instant.parse("2026-03-01T12:00:00Z");
    ClockWatch watch = watch(Trust.SYNC, time);

    assertFalse(watch.beforeRound());
    queue.append(List.of(untrusted(time)));
    time.advance(Duration.ofSeconds(10));
    assertFalse(watch.beforeRound());
    queue.append(List.of(untrusted(time)));
    assertEquals(List.of(), queue.peek(10), "nothing with an untrusted time may be sent");

    time.advance(Duration.ofSeconds(10));
    time.stepWall(Duration.between(time.instant(), trueBoot.plusSeconds(20))); // NTP steps the clock
    synced.set(true);
    time.advance(Duration.ofSeconds(10));
    assertTrue(watch.beforeRound());

    List<Instant> times = queue.peek(10).stream().map(Reading::time).toList();
    assertEquals(List.of(trueBoot, trueBoot.plusSeconds(10)), times);
    assertEquals(1, CaptureWriter.lines("re-stamped 2 reading(s)").size());
  }

  @Test
  void warnsWhenTheWallClockGoesBackBetweenRounds() {
    FakeTime time = FakeTime.at("2026-03-01T12:00:00Z");
    ClockWatch watch = watch(Trust.ALWAYS, time);

    watch.beforeRound();
    time.advance(Duration.ofSeconds(10));
    time.stepWall(Duration.ofMillis(-1_500)); // NTP slewing a little: not a jump
    watch.beforeRound();
    assertEquals(0, CaptureWriter.lines("went back").size());

    time.advance(Duration.ofSeconds(10));
    time.stepWall(Duration.ofSeconds(-60));
    watch.beforeRound();
    assertEquals(List.of("WARN clock: the wall clock went back 60 s between two rounds;"
        + " readings may repeat a time already sent"), CaptureWriter.lines("went back"));
  }

  @Test
  void aTrustedStartRestampsNothingAndSaysNothing() {
    ClockWatch watch = watch(Trust.ALWAYS, FakeTime.at("2026-03-01T12:00:00Z"));

    assertTrue(watch.beforeRound());
    assertEquals(0, CaptureWriter.lines("re-stamped").size());
  }

  private ClockWatch watch(Trust mode, FakeTime time) {
    ClockTrust trust = new ClockTrust(mode, Path.of("/nonexistent"), synced::get, "test sync");
    return new ClockWatch(trust, queue, time, time::nanoTime);
  }

  private static Reading untrusted(FakeTime time) {
    return new Reading(Reading.UNQUEUED, "air", Quantity.TEMPERATURE, 21.5, time.instant(), false, time.nanoTime());
  }
}
