package org.sensoragent.agent.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.fakes.CaptureWriter;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;
import org.sensoragent.drivers.Quantity;

/**
 * {@code [mqtt] username} and {@code password_file} on top of the device certificate, against a
 * real mosquitto that requires both (mutual TLS stays on, {@code use_identity_as_username false}).
 */
class MqttAuthIT {

  static final String USER = "sensor-user";
  static final String PASSWORD = "correct-horse-7f3a-battery";
  static final String WRONG_PASSWORD = "not-the-password-9c1e";
  static final String OBSERVER_PASSWORD = "observer-pass-41d2";
  static final String ACL = "user " + USER + "\n"
      + "topic write office/meeting-room-1/#\n"
      + "user observer\n"
      + "topic read #\n";
  /** What mosquitto 2.0 answers a v5 CONNECT with a wrong password or none: CONNACK 0x87 Not authorized. */
  static final int REFUSED = ReasonCodes.NOT_AUTHORIZED;

  @TempDir static Path dir;
  static TestPki pki;
  static TestPki.Ca ca;
  static TestPki.Identity device;
  static TestPki.Identity observer;
  static MosquittoBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    pki = new TestPki(dir.resolve("pki"));
    ca = pki.ca("test-ca");
    device = pki.client(ca, "device", MqttTransportIT.DEVICE, TestPki.KeyForm.PKCS8_EC);
    observer = pki.client(ca, "observer", "observer", TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity server = pki.server(ca, "broker", "DNS:localhost", "IP:127.0.0.1");
    broker = MosquittoBroker.start(dir.resolve("broker"), ca.cert(), server, ACL,
        new MosquittoBroker.Extra(Map.of(USER, PASSWORD, "observer", OBSERVER_PASSWORD), false));
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void forgetLogLines() {
    CaptureWriter.clear();
  }

  @Test
  void theRightUserNameAndPasswordConnectAndTheReadingsArrive() throws Exception {
    List<Reading> batch = MqttTransportIT.readings("air", Quantity.TEMPERATURE, 3, Instant.now());
    try (MqttTransport transport = transport("right", USER, passwordFile("right", PASSWORD + "\n"));
        Observer back = new Observer(provisioning("observer", "observer", observer), "office/#", false, 1,
            "observer", OBSERVER_PASSWORD)) {
      transport.connect();
      assertEquals("online", back.next(MqttTransportIT.STATUS, 10).payload());
      transport.publish(batch);
      Observer.Received readings = back.next("office/meeting-room-1/air/temperature", 10);
      assertEquals(Senml.encode(MqttTransportIT.DEVICE, batch), readings.payload());
      assertTrue(transport.describe().contains("user " + USER), transport.describe());
    }
    assertFalse(CaptureWriter.lines("connected to").isEmpty(), "the connect was logged");
    assertPasswordsNowhere(null);
  }

  @Test
  void aWrongPasswordIsRefusedSlowlyNamingTheConnackReason() throws Exception {
    try (MqttTransport transport = transport("wrong", USER, passwordFile("wrong", WRONG_PASSWORD + "\n"))) {
      TransportException refused = assertThrows(TransportException.class, transport::connect);
      assertRefused(refused);
      assertPasswordsNowhere(refused);
    }
  }

  @Test
  void noUserNameWhereTheBrokerRequiresOneIsRefusedLikewise() throws Exception {
    try (MqttTransport transport = transport("anonymous", "", null)) {
      assertRefused(assertThrows(TransportException.class, transport::connect));
    }
  }

  @Test
  void aUserNameWithoutPasswordIsRefusedLikewise() throws Exception {
    try (MqttTransport transport = transport("no-password", USER, null)) {
      assertRefused(assertThrows(TransportException.class, transport::connect));
    }
  }

  /** One message naming code and name, retried slowly, the code also on the cause Paho threw. */
  private static void assertRefused(TransportException refused) {
    assertEquals(Retry.SLOWLY, refused.retry(), refused.getMessage());
    MqttException cause = assertInstanceOf(MqttException.class, refused.getCause(), refused.getMessage());
    assertEquals(REFUSED, cause.getReasonCode(), refused.getMessage());
    assertEquals("broker mqtts://localhost:" + broker.port() + " refused the connection: CONNACK 0x87 Not authorized",
        refused.getMessage());
    assertTrue(refused.acknowledged().isEmpty());
  }

  /** Neither password in the exception's message chain nor in any line the agent logged. */
  private static void assertPasswordsNowhere(Throwable failure) {
    for (String secret : List.of(PASSWORD, WRONG_PASSWORD)) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertFalse(String.valueOf(t.getMessage()).contains(secret), "a message quotes a password: " + t);
        assertFalse(t.toString().contains(secret), "a message quotes a password: " + t);
      }
      assertEquals(List.of(), CaptureWriter.lines(secret), "log lines quote a password");
    }
  }

  private static Path passwordFile(String name, String content) throws Exception {
    Path file = Files.createDirectories(dir.resolve("secrets")).resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static Provisioning provisioning(String name, String id, TestPki.Identity identity) throws Exception {
    return pki.provisioning(name, id, MqttTransportIT.endpoint("localhost", broker.port()), ca, identity);
  }

  private static MqttTransport transport(String name, String userName, Path passwordFile) throws Exception {
    MqttConfig config = new MqttConfig("{site}/{room}/{sensor}/{quantity}", 1, Duration.ofSeconds(30), userName, passwordFile);
    return new MqttTransport(provisioning(name, MqttTransportIT.DEVICE, device), MqttTransportIT.ROOM, config,
        Clock.systemUTC(), Duration.ofSeconds(10));
  }
}
