package org.sensoragent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.clock.ClockTrust;
import org.sensoragent.agent.config.ClockConfig.Trust;
import org.sensoragent.agent.config.ForwardConfig;
import org.sensoragent.agent.config.LogConfig;
import org.sensoragent.agent.fakes.CaptureWriter;
import org.sensoragent.agent.fakes.FakeTime;
import org.sensoragent.agent.fakes.FixedRandom;
import org.sensoragent.agent.fakes.MemoryQueue;
import org.sensoragent.agent.fakes.RecordingTransport;
import org.sensoragent.agent.fakes.RoundCounter;
import org.sensoragent.agent.fakes.ScriptedSensor;
import org.sensoragent.agent.sampling.ScheduledSensor;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.drivers.Quantity;

class AgentTest {

  private static final ForwardConfig FORWARD =
      new ForwardConfig(100, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5));
  private static final LogConfig LOG = new LogConfig("info", Duration.ofSeconds(30));

  private final MemoryQueue queue = new MemoryQueue();
  private final RecordingTransport transport = new RecordingTransport();
  private final RoundCounter watchdog = new RoundCounter();
  private final ScriptedSensor air = new ScriptedSensor();
  private final ScriptedSensor room = new ScriptedSensor(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE);
  private final ScriptedSensor flaky = new ScriptedSensor().failNext(2, "SHT3x at i2c-1/0x44: CRC mismatch");
  private final AtomicBoolean synced = new AtomicBoolean();
  private Agent agent;

  @BeforeEach
  void clearLog() {
    CaptureWriter.clear();
  }

  @AfterEach
  void close() throws Exception {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void readingsFlowFromSensorsToTheTransportAndTheSummaryAddsUp() throws Exception {
    FakeTime time = FakeTime.gatedAt("2026-03-01T12:00:05Z");
    agent = agent(Trust.ALWAYS, time);
    agent.start();
    time.allow(6);
    watchdog.await(6);
    transport.awaitAcknowledged(28); // 6 rounds: air 6, room 6 x 3, flaky 4 (2 failed)
    queue.awaitDepth(0);
    agent.close();

    assertEquals(28, agent.stats().taken());
    assertEquals(28, agent.stats().published());
    assertEquals(2, agent.stats().readErrors());
    List<String> summaries = CaptureWriter.lines("summary: ");
    assertTrue(summaries.size() >= 2, "one after 30 s, one at close: " + summaries);
    assertEquals("INFO summary: taken 28, published 28, queued 0, dropped 0, read errors 2",
        summaries.get(summaries.size() - 1));
    assertTrue(transport.isClosed());
    assertTrue(queue.isClosed());
    assertTrue(air.isClosed() && room.isClosed() && flaky.isClosed());

    List<Reading> sent = transport.acknowledged();
    assertEquals(28, new HashSet<>(sent.stream().map(r -> r.senmlName() + "@" + r.time()).toList()).size(),
        "(n, time) is unique");
    Senml.encode("meeting-room-1", sent); // every batch encodes
  }

  @Test
  void readingsTakenBeforeTheClockIsTrustedAreSentLaterWithTheirTrueTimes() throws Exception {
    FakeTime time = FakeTime.gatedAt("2020-01-01T00:00:05Z"); // a stale clock after a power cut
    Instant trueStart = Instant.parse("2026-03-01T12:00:05Z");
    agent = agent(Trust.SYNC, time, new ScheduledSensor("air", air, Duration.ofSeconds(10), Duration.ofSeconds(5)));
    agent.start();
    time.allow(2);
    watchdog.await(2);
    assertEquals(0, transport.connects(), "no TLS before the clock is trusted");
    assertEquals(2, queue.depth());

    time.awaitBlockedSleeper(); // the sampler waits for its next tick, computed on the stale clock
    time.stepWall(Duration.between(time.instant(), trueStart.plusSeconds(15))); // NTP answers
    synced.set(true);
    time.allow(2); // wakes at 12:00:30 past whole stale boundaries: waits for the next, 12:00:40
    watchdog.await(3);
    transport.awaitAcknowledged(3);

    List<Instant> sent = transport.acknowledged().stream().map(Reading::time).sorted().toList();
    // re-stamped: the monotonic time since start on the true wall clock, 5 s and 15 s
    assertEquals(List.of(trueStart.plusSeconds(5), trueStart.plusSeconds(15), trueStart.plusSeconds(35)), sent);
  }

  @Test
  void closeBeforeStartClosesEverything() throws Exception {
    agent = agent(Trust.ALWAYS, FakeTime.gatedAt("2026-03-01T12:00:05Z"));
    agent.close();
    agent.close();

    assertTrue(transport.isClosed());
    assertTrue(queue.isClosed());
  }

  private Agent agent(Trust trust, FakeTime time) {
    return agent(trust, time,
        new ScheduledSensor("air", "simulated", air, Duration.ofSeconds(10), Duration.ofSeconds(5)),
        new ScheduledSensor("room", "bme280 i2c-1/0x76", room, Duration.ofSeconds(10), Duration.ofSeconds(5)),
        new ScheduledSensor("flaky", "sht3x i2c-1/0x44", flaky, Duration.ofSeconds(10), Duration.ofSeconds(5)));
  }

  private Agent agent(Trust trust, FakeTime time, ScheduledSensor... sensors) {
    ClockTrust clockTrust = new ClockTrust(trust, Path.of("/nonexistent"), synced::get, "test sync");
    return new Agent(FORWARD, LOG, List.of(sensors), queue, transport, clockTrust, time, watchdog, time::nanoTime,
        time, new FixedRandom(0.5));
  }
}
