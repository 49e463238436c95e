package org.sensoragent.agent.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;

/** check --connect's MQTT half against a real mosquitto over mutual TLS. */
class MqttConnectCheckIT {

  static final MqttConfig MQTT = new MqttConfig("{site}/{room}/{sensor}/{quantity}", 1, Duration.ofSeconds(30), "", null);

  @TempDir static Path dir;
  static TestPki pki;
  static TestPki.Ca ca;
  static MosquittoBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    pki = new TestPki(dir.resolve("pki"));
    ca = pki.ca("check-ca");
    broker = MosquittoBroker.start(dir.resolve("broker"), ca.cert(), pki.server(ca, "broker", "DNS:localhost"), null);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void reportsTheHandshakeAndTheConnack() throws Exception {
    TestPki.Identity device = pki.client(ca, "device", "meeting-room-1", TestPki.KeyForm.SEC1_EC);
    String report = MqttConnectCheck.run(
        pki.provisioning("ok", "meeting-room-1", URI.create("mqtts://localhost:" + broker.port()), ca, device), MQTT, Duration.ofSeconds(10));
    assertTrue(report.startsWith("MQTT connect mqtts://localhost:" + broker.port() + " as meeting-room-1: ok"), report);
    assertTrue(report.contains("TLS: TLSv1.3") || report.contains("TLS: TLSv1.2"), report);
    assertTrue(report.contains("broker certificate CN=broker"), report);
    assertTrue(report.contains("CONNACK 0x00 Success"), report);
    assertTrue(report.contains("device certificate CN=meeting-room-1"), report);
  }

  @Test
  void aWrongHostNameIsTheOneLineCause() throws Exception {
    TestPki.Identity device = pki.client(ca, "device-2", "meeting-room-1", TestPki.KeyForm.PKCS1_RSA);
    TransportException e = assertThrows(TransportException.class, () -> MqttConnectCheck.run(
        pki.provisioning("ip", "meeting-room-1", URI.create("mqtts://127.0.0.1:" + broker.port()), ca, device), MQTT, Duration.ofSeconds(10)));
    assertEquals(Retry.SLOWLY, e.retry());
    assertTrue(e.getMessage().contains("not for host \"127.0.0.1\""), e.getMessage());
  }
}
