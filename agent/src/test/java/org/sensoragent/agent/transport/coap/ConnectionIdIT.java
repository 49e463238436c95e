package org.sensoragent.agent.transport.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.demo.DemoReceiver;

/** RFC 9146 in action: after a NAT rebinding the same DTLS session carries on, no new handshake. */
class ConnectionIdIT {

  private static final byte[] KEY = TestReadings.ascii("connection-id-key-0123456");

  @TempDir Path dir;

  @Test
  void aNatRebindingCostsNoHandshake() throws Exception {
    BlockingQueue<String> packs = new LinkedBlockingQueue<>();
    try (DemoReceiver receiver = DemoReceiver.start(0, "device-7", KEY, pack -> {
          packs.add(pack);
          return ResponseCode.CHANGED;
        });
        LossyRelay nat = new LossyRelay(new InetSocketAddress(receiver.endpoint().getHost(), receiver.port()), 0.0, 1);
        CoapTransport transport = new CoapTransport(
            TestReadings.provisioning(URI.create("coaps://127.0.0.1:" + nat.address().getPort() + "/telemetry"), dir),
            TestReadings.credentials("device-7", KEY), TestReadings.FAST)) {
      transport.publish(TestReadings.batch(1, 1));
      assertEquals(Set.of(1), TestReadings.values(packs.take()));
      String session = transport.sessionId().orElseThrow();

      nat.rebind();
      transport.publish(TestReadings.batch(2, 1));

      assertEquals(Set.of(2), TestReadings.values(packs.take()));
      assertEquals(session, transport.sessionId().orElseThrow(), "a new DTLS handshake was needed");
    }
  }
}
