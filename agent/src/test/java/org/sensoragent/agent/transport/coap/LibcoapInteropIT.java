package org.sensoragent.agent.transport.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/**
 * Interoperability with an independent implementation: libcoap 4.3 over OpenSSL. The server takes
 * a moment to bind its port after the process starts; the DTLS client's own retransmission of its
 * ClientHello covers that, so nothing here sleeps.
 */
class LibcoapInteropIT {

  private static final String KEY = "libcoap-interop-key-0123";
  /** Handshake retransmissions spanning several seconds: long enough for the server to bind. */
  private static final CoapSettings SETTINGS =
      new CoapSettings(Duration.ofMillis(300), 1.5f, 4, Duration.ofSeconds(2), Duration.ofMillis(500), 4, 2, 1024);

  @TempDir Path dir;

  @Test
  void postsSenmlThatLibcoapAcknowledges() throws Exception {
    try (LibcoapServer server = LibcoapServer.start(KEY, dir);
        CoapTransport transport = new CoapTransport(TestReadings.provisioning(server.endpoint(), dir),
            TestReadings.credentials("device-7", TestReadings.ascii(KEY)), SETTINGS)) {
      List<Reading> first = TestReadings.batch(1, 2);
      List<Reading> second = TestReadings.batch(3, 2);

      transport.connect();
      transport.publish(first);  // -d: creates /telemetry, 2.01 Created
      transport.publish(second); // 2.04 Changed

      // libcoap logs each request, payload in hex, before it answers; the first answer is 2.01
      String log = server.log();
      assertTrue(log.contains(hex(Senml.encode(TestReadings.DEVICE, first))), log);
      assertTrue(log.contains(hex(Senml.encode(TestReadings.DEVICE, second))), log);
      assertTrue(log.contains("Content-Format:application/senml+json"), log);
      assertTrue(log.contains("c:2.01"), log);
      assertTrue(transport.cipherSuite().isPresent());
    }
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWrongKeyIsSaidPlainly() throws Exception {
    try (LibcoapServer server = LibcoapServer.start(KEY, dir);
        CoapTransport transport = new CoapTransport(TestReadings.provisioning(server.endpoint(), dir),
            TestReadings.credentials("device-7", TestReadings.ascii("some-other-key-0123456")), SETTINGS)) {

      TransportException e = assertThrows(TransportException.class, () -> transport.publish(TestReadings.batch(1, 1)));

      assertEquals(Retry.SLOWLY, e.retry(), e.getMessage());
      assertTrue(e.getMessage().contains("failed: the server rejected our PSK (wrong key or identity)"), e.getMessage());
      assertFalse(server.log().contains("urn:dev:sensor-agent"), "a reading reached the server");
    }
  }
}
