package org.sensoragent.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sensoragent.agent.e2e.MqttSite.INTERVAL_MILLIS;
import static org.sensoragent.agent.e2e.MqttSite.SIMULATED_NAMES;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Zero readings lost", end to end over MQTT v5 + mutual TLS: the packaged agent runs as a child
 * JVM ({@code sensor-agent run}) with simulated sensors at 1 s, a real mosquitto is stopped,
 * restarted, the agent is killed with SIGKILL or stopped with SIGTERM, and the back end must
 * still see every reading — each sensor's every interval boundary from its first reading to its
 * last, deduplicated on {@code (n, time)} since delivery is at least once.
 */
class EndToEndMqttIT {

  @TempDir Path dir;
  private MqttSite site;

  @AfterEach
  void tearDown() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void aBrokerOutageLosesNoReadingAndKeepsEachSensorsOrder() throws Exception {
    site = MqttSite.start(dir, MqttSite.ACL);
    site.observe(site.ca);
    Path config = site.config(MqttSite.SIMULATED, "");
    AgentProcess agent = site.run("agent", config);
    awaitReadings(3, SIMULATED_NAMES);

    site.broker.stop();
    long outageStart = System.currentTimeMillis();
    agent.awaitLine("that the broker is unreachable", line -> line.startsWith("<4>forward:") && line.contains("unreachable"));
    agent.awaitLine("a summary with readings piling up", line -> Summary.is(line) && Summary.parse(line).queued() >= 12);
    site.restartBroker();
    long outageEnd = System.currentTimeMillis();
    awaitCompleteUpTo(boundary(outageEnd) + 2 * INTERVAL_MILLIS, SIMULATED_NAMES);

    Delivered delivered = site.delivered();
    for (String name : SIMULATED_NAMES) {
      NavigableSet<Long> times = delivered.times(name);
      assertEquals(List.of(), delivered.missing(name, INTERVAL_MILLIS, times.first(), times.last()),
          name + ": every boundary from the first reading to the last arrived\n" + site.dump());
      assertTrue(times.subSet(outageStart + INTERVAL_MILLIS, outageEnd).size() >= 4,
          name + ": readings taken during the outage arrived\n" + site.dump());
    }
    assertEquals(List.of(), delivered.outOfOrder(), "each pack keeps each sensor's order");
    assertEquals(List.of(), delivered.foreign(), "only this device's packs");
    assertEquals(1, agent.count(line -> line.contains("again after")),
        "one line says delivery resumed\n" + agent.dump());

    stopAndAccountForEveryReading(agent, config);
  }

  @Test
  void readingsQueuedBeforeAKill9AreDeliveredByTheNextProcess() throws Exception {
    site = MqttSite.start(dir, MqttSite.ACL);
    site.observe(site.ca);
    Path config = site.config(MqttSite.SIMULATED, "");
    AgentProcess first = site.run("agent-1", config);
    awaitReadings(2, SIMULATED_NAMES);

    site.broker.stop();
    first.awaitLine("a summary with readings piling up", line -> Summary.is(line) && Summary.parse(line).queued() >= 9);
    first.kill9();
    long killedAt = System.currentTimeMillis();
    // the round under way at the kill was never promised stored; every earlier one was
    long lastPromised = boundary(killedAt) - 2 * INTERVAL_MILLIS;

    site.restartBroker();
    AgentProcess second = site.run("agent-2", config);
    awaitCompleteUpTo(lastPromised, SIMULATED_NAMES);
    Await.until("the second process's own readings", () -> SIMULATED_NAMES.stream()
        .allMatch(name -> site.delivered().times(name).last() > killedAt), site::dump);

    Delivered delivered = site.delivered();
    for (String name : SIMULATED_NAMES) {
      NavigableSet<Long> times = delivered.times(name);
      long restartedAt = times.higher(killedAt);
      List<Long> missing = delivered.missing(name, INTERVAL_MILLIS, times.first(), times.last());
      assertTrue(missing.stream().allMatch(t -> t > lastPromised && t < restartedAt),
          name + ": the only gap is while no agent ran, " + Instant.ofEpochMilli(lastPromised) + " .. "
              + Instant.ofEpochMilli(restartedAt) + "; missing " + missing + "\n" + site.dump());
    }
    assertEquals(List.of(), delivered.outOfOrder(), "each pack keeps each sensor's order");
    stopAndAccountForEveryReading(second, config);
  }

  @Test
  void sigtermStopsCleanlyWithASummaryAndTheNextRunDrainsTheQueue() throws Exception {
    site = MqttSite.start(dir, MqttSite.ACL);
    site.observe(site.ca);
    Path config = site.config(MqttSite.SIMULATED, "");
    AgentProcess first = site.run("agent-1", config);
    awaitReadings(2, SIMULATED_NAMES);

    site.broker.stop();
    first.awaitLine("a summary with readings piling up", line -> Summary.is(line) && Summary.parse(line).queued() >= 6);
    int summariesBefore = summaries(first);
    int exit = first.terminate();
    long stoppedAt = System.currentTimeMillis();
    assertTrue(exit == 143 || exit == 0, "exit code on SIGTERM: 143 or 0, was " + exit + "\n" + first.dump());
    assertEquals(summariesBefore + 1, summaries(first), "SIGTERM logs one final summary; exit " + exit + "\n" + first.dump());
    Summary last = Summary.last(first);
    assertTrue(last.queued() >= 6, "the final summary counts what stays queued: " + last);
    MqttSite.QueueReport queued = site.queue(config);
    assertEquals(last.queued(), queued.depth(), "sensor-agent queue agrees with the final summary\n" + queued.text());
    assertTrue(first.stderr().isBlank(), "nothing on stderr: " + first.stderr());

    site.restartBroker();
    AgentProcess second = site.run("agent-2", config);
    awaitCompleteUpTo(boundary(stoppedAt) - 2 * INTERVAL_MILLIS, SIMULATED_NAMES);
    Await.until("the second process's own readings", () -> SIMULATED_NAMES.stream()
        .allMatch(name -> site.delivered().times(name).last() > stoppedAt), site::dump);
    stopAndAccountForEveryReading(second, config);
  }

  /** Waits until each name has at least {@code count} distinct readings at the back end. */
  private void awaitReadings(int count, List<String> names) throws Exception {
    Await.until(count + " readings of each of " + names,
        () -> names.stream().allMatch(name -> site.delivered().times(name).size() >= count), site::dump);
  }

  /** Waits until each name has every boundary from its first reading up to {@code toMillis}. */
  private void awaitCompleteUpTo(long toMillis, List<String> names) throws Exception {
    Await.until("every reading of " + names + " up to " + Instant.ofEpochMilli(toMillis),
        () -> names.stream().allMatch(name -> site.delivered().complete(name, INTERVAL_MILLIS, toMillis)), site::dump);
  }

  /**
   * SIGTERM, then: every reading is delivered or still queued. Readings of the last round may wait
   * for the next run; nothing older than the last delivered reading may.
   */
  private void stopAndAccountForEveryReading(AgentProcess agent, Path config) throws Exception {
    int exit = agent.terminate();
    assertTrue(exit == 143 || exit == 0, "exit code on SIGTERM: " + exit + "\n" + agent.dump());
    MqttSite.QueueReport queue = site.queue(config);
    long newestDelivered = SIMULATED_NAMES.stream().mapToLong(name -> site.delivered().times(name).last()).max().orElseThrow();
    if (queue.depth() > 0) {
      Instant oldest = Instant.parse(queue.oldest().substring(0, queue.oldest().indexOf(' ')));
      assertTrue(oldest.toEpochMilli() > newestDelivered - INTERVAL_MILLIS,
          "only the last round may stay queued; oldest " + oldest + ", newest delivered "
              + Instant.ofEpochMilli(newestDelivered) + "\n" + queue.text() + site.dump());
    }
    assertEquals(0, Summary.last(agent).dropped(), "nothing dropped");
  }

  private static int summaries(AgentProcess agent) {
    return (int) agent.count(Summary::is);
  }

  private static long boundary(long millis) {
    return Math.floorDiv(millis, INTERVAL_MILLIS) * INTERVAL_MILLIS;
  }
}
