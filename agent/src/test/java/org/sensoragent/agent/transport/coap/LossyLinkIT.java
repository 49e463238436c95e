package org.sensoragent.agent.transport.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.demo.DemoReceiver;
import org.sensoragent.agent.transport.TransportException;

/**
 * 20 % of the datagrams lost each way, handshake included: CoAP and DTLS retransmissions, plus
 * the Forwarder's "retry what was not acknowledged", still deliver every reading (duplicates
 * allowed, none lost).
 */
class LossyLinkIT {

  private static final byte[] KEY = TestReadings.ascii("lossy-link-key-0123456789");
  private static final int BATCHES = 8;
  private static final int READINGS_PER_BATCH = 30; // two or three packs each
  private static final int MAX_ATTEMPTS_PER_BATCH = 20;
  private static final CoapSettings SETTINGS =
      new CoapSettings(Duration.ofMillis(200), 1.5f, 5, Duration.ofSeconds(1), Duration.ofMillis(300), 6, 2, 1024);

  @TempDir Path dir;

  @Test
  void everyReadingArrivesDespiteLossInBothDirections() throws Exception {
    ConcurrentLinkedQueue<String> packs = new ConcurrentLinkedQueue<>();
    try (DemoReceiver receiver = DemoReceiver.start(0, "device-7", KEY, pack -> {
          packs.add(pack);
          return ResponseCode.CHANGED;
        });
        LossyRelay relay = new LossyRelay(new InetSocketAddress(receiver.endpoint().getHost(), receiver.port()), 0.2, 42);
        CoapTransport transport = new CoapTransport(
            TestReadings.provisioning(URI.create("coaps://127.0.0.1:" + relay.address().getPort() + "/telemetry"), dir),
            TestReadings.credentials("device-7", KEY), SETTINGS)) {
      Set<Integer> sent = new TreeSet<>();
      int failures = 0;
      for (int b = 0; b < BATCHES; b++) {
        List<Reading> pending = new ArrayList<>(TestReadings.batch(1 + b * READINGS_PER_BATCH, READINGS_PER_BATCH));
        sent.addAll(TestReadings.values(pending));
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
          assertTrue(attempt <= MAX_ATTEMPTS_PER_BATCH, "batch " + b + " still not delivered after "
              + MAX_ATTEMPTS_PER_BATCH + " attempts");
          try {
            transport.publish(pending);
            pending.clear();
          } catch (TransportException e) {
            failures++;
            pending.removeAll(e.acknowledged()); // what the Forwarder does: remove only what was acknowledged
          }
        }
      }

      Set<Integer> received = new TreeSet<>();
      packs.forEach(pack -> received.addAll(TestReadings.values(pack)));
      assertEquals(sent, received, "readings lost; relay dropped " + relay.dropped() + ", publish failed "
          + failures + " times");
      assertTrue(relay.dropped() > 0, "the relay dropped nothing");
    }
  }
}
