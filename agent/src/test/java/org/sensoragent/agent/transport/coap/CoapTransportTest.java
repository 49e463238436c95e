package org.sensoragent.agent.transport.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.config.ConfigException;

class CoapTransportTest {

  @TempDir Path dir;

  @Test
  void defaultsPortAndPath() throws Exception {
    assertEquals(URI.create("coaps://collector.example.net:5684/telemetry"),
        CoapTransport.target(URI.create("coaps://collector.example.net")));
    assertEquals(URI.create("coaps://collector.example.net:5684/telemetry"),
        CoapTransport.target(URI.create("coaps://collector.example.net/")));
    assertEquals(URI.create("coaps://10.0.0.5:6000/in/room"),
        CoapTransport.target(URI.create("coaps://10.0.0.5:6000/in/room")));
  }

  @Test
  void plaintextCoapIsNeverUsed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> CoapTransport.target(URI.create("coap://collector.example.net/telemetry")));

    assertTrue(e.getMessage().contains("plaintext coap:// is never used"), e.getMessage());
  }

  @Test
  void describesTheEndpointWithoutSecrets() throws Exception {
    byte[] key = TestReadings.ascii("secret-key-0123456789");
    try (CoapTransport transport = new CoapTransport(
        TestReadings.provisioning(URI.create("coaps://collector.example.net"), dir),
        TestReadings.credentials("room-1", key), CoapSettings.LOSSY_LINK)) {

      assertEquals("CoAP over DTLS 1.2 (PSK) to coaps://collector.example.net:5684/telemetry", transport.describe());
      assertFalse(transport.describe().contains("secret"));
    }
  }

  @Test
  void theGuardOutlastsEveryRetransmission() {
    // 2+4+8+16+16+16 s at most × 1.5 for CoAP, plus two handshakes' flights: well over two minutes
    assertTrue(CoapSettings.LOSSY_LINK.worstCaseExchange().toSeconds() > 120,
        CoapSettings.LOSSY_LINK.worstCaseExchange().toString());
  }
}
