package org.sensoragent.agent.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.fakes.ScriptedSensor;

class ScheduleTest {

  private static final long T = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

  @Test
  void floorIsTheLatestMultipleOfTheInterval() {
    assertEquals(T, Schedule.floor(T + 9_999, 10_000));
    assertEquals(T + 10_000, Schedule.floor(T + 10_000, 10_000));
    assertEquals(-10_000, Schedule.floor(-1, 10_000));
  }

  @Test
  void waitsUntilTheNextBoundaryOfTheSoonestSensor() {
    SensorWorker tenSeconds = worker(10, T);
    SensorWorker minute = worker(60, T);
    assertEquals(Duration.ofMillis(2_700), Schedule.untilNextDue(List.of(tenSeconds, minute), T + 7_300));
    assertEquals(List.of(), Schedule.due(List.of(tenSeconds, minute), T + 7_300));
    assertEquals(List.of(tenSeconds), Schedule.due(List.of(tenSeconds, minute), T + 10_000));
  }

  @Test
  void aSensorLateForItsBoundaryIsDueAtOnce() {
    SensorWorker worker = worker(10, T);
    assertEquals(Duration.ZERO, Schedule.untilNextDue(List.of(worker), T + 15_000));
    assertEquals(List.of(worker), Schedule.due(List.of(worker), T + 15_000));
  }

  @Test
  void aStepForwardPastWholeBoundariesWaitsForTheNextOne() {
    SensorWorker worker = worker(10, T);
    long anHourLater = T + 3_600_000 + 4_000;
    assertEquals(List.of(), Schedule.due(List.of(worker), anHourLater));
    assertEquals(Duration.ofMillis(6_000), Schedule.untilNextDue(List.of(worker), anHourLater));
  }

  @Test
  void aSmallStepBackWaitsForTheNextBoundaryInsteadOfRepeatingATime() {
    SensorWorker worker = worker(10, T + 10_000);
    assertEquals(List.of(), Schedule.due(List.of(worker), T + 9_000));
    assertEquals(Duration.ofMillis(11_000), Schedule.untilNextDue(List.of(worker), T + 9_000));
  }

  @Test
  void aBigStepBackRestartsTheSchedule() {
    SensorWorker worker = worker(10, T);
    long anHourBefore = T - 3_600_000 + 4_000;
    assertEquals(List.of(worker), Schedule.due(List.of(worker), anHourBefore));
  }

  private static SensorWorker worker(long intervalSeconds, long lastBoundary) {
    SensorWorker worker = new SensorWorker(new ScheduledSensor("s" + intervalSeconds, new ScriptedSensor(),
        Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(1)));
    worker.lastBoundaryMillis = lastBoundary;
    return worker;
  }
}
