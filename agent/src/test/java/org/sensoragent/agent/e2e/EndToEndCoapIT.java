package org.sensoragent.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sensoragent.agent.e2e.MqttSite.INTERVAL_MILLIS;
import static org.sensoragent.agent.e2e.MqttSite.SIMULATED_NAMES;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.demo.DemoReceiver;
import org.sensoragent.agent.transport.Senml;

/**
 * The packaged agent over CoAP/DTLS-PSK to a {@link DemoReceiver} in this JVM (loopback UDP): the
 * receiver goes away for a while and comes back on the same port with the same key; every reading
 * arrives.
 */
class EndToEndCoapIT {

  static final String IDENTITY = "e2e-meeting-room-1";
  static final Duration RECOVERY = Duration.ofSeconds(40);

  @TempDir Path dir;
  private final Delivered delivered = new Delivered(Senml.baseName(MqttSite.DEVICE));
  private final byte[] key = new byte[16];
  private DemoReceiver receiver;
  private AgentProcess agent;

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aReceiverOutageLosesNoReading() throws Exception {
    new SecureRandom().nextBytes(key);
    receiver = start(0);
    int port = receiver.port();
    Path provisioning = receiver.writeProvisioning(dir.resolve("provisioning"), MqttSite.DEVICE);
    Path config = MqttSite.writeConfig(dir, provisioning, MqttSite.SIMULATED, "");
    agent = AgentProcess.run("agent", dir, config);
    Await.until("3 readings of each sensor", () -> SIMULATED_NAMES.stream()
        .allMatch(name -> delivered.times(name).size() >= 3), this::dump);

    receiver.close();
    receiver = null;
    long outageStart = System.currentTimeMillis();
    agent.awaitLine("a summary with readings piling up", line -> Summary.is(line) && Summary.parse(line).queued() >= 12);
    receiver = start(port);
    long outageEnd = System.currentTimeMillis();
    long upTo = Math.floorDiv(outageEnd, INTERVAL_MILLIS) * INTERVAL_MILLIS + 2 * INTERVAL_MILLIS;
    // The restarted receiver has forgotten the DTLS session: the request in flight goes unanswered
    // for its first two transmissions (at most 9 s with CoapSettings.LOSSY_LINK), then is sent again
    // behind a new handshake, whose flights are retransmitted after 2, 4, 8 s while the receiver is
    // still down. A hang guard with room for that; nothing about speed is asserted.
    Await.until("every reading up to " + Instant.ofEpochMilli(upTo), RECOVERY, () -> SIMULATED_NAMES.stream()
        .allMatch(name -> delivered.complete(name, INTERVAL_MILLIS, upTo)), this::dump);

    for (String name : SIMULATED_NAMES) {
      NavigableSet<Long> times = delivered.times(name);
      assertEquals(List.of(), delivered.missing(name, INTERVAL_MILLIS, times.first(), times.last()),
          name + ": every boundary from the first reading to the last\n" + dump());
      assertTrue(times.subSet(outageStart + INTERVAL_MILLIS, outageEnd).size() >= 4,
          name + ": readings taken during the outage arrived\n" + dump());
    }
    assertEquals(List.of(), delivered.outOfOrder(), "each pack keeps each sensor's order");
    int exit = agent.terminate();
    assertTrue(exit == 143 || exit == 0, "exit " + exit);
    Summary last = Summary.last(agent);
    long distinct = SIMULATED_NAMES.stream().mapToLong(name -> delivered.times(name).size()).sum();
    MqttSite.QueueReport queue = MqttSite.QueueReport.of(AgentJar.run(dir, "queue", "--config", config.toString()));
    assertTrue(distinct + queue.depth() >= last.taken(),
        "every reading taken was delivered or is still queued: " + last + ", " + distinct + " delivered\n" + dump());
  }

  private DemoReceiver start(int port) throws Exception {
    return DemoReceiver.start(port, IDENTITY, key, pack -> {
      delivered.add(pack);
      return ResponseCode.CHANGED;
    });
  }

  private String dump() {
    return (agent == null ? "" : agent.dump()) + delivered.describe(INTERVAL_MILLIS);
  }
}
