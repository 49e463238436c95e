package org.sensoragent.agent.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.DeviceConfig;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.TransportException;
import org.sensoragent.agent.transport.TransportException.Retry;
import org.sensoragent.drivers.Quantity;

/** MqttTransport against a real mosquitto over mutual TLS, with certificates made by openssl. */
class MqttTransportIT {

  static final String DEVICE = "meeting-room-1";
  static final DeviceConfig ROOM = new DeviceConfig("office", DEVICE);
  static final MqttConfig MQTT = new MqttConfig("{site}/{room}/{sensor}/{quantity}", 1, Duration.ofSeconds(30), "", null);
  static final String STATUS = "office/meeting-room-1/status";
  static final String ACL = "user meeting-room-1\n"
      + "topic write office/meeting-room-1/air/#\n"
      + "topic write office/meeting-room-1/status\n"
      + "user observer\n"
      + "topic read #\n";

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
    device = pki.client(ca, "device", DEVICE, TestPki.KeyForm.PKCS8_EC);
    observer = pki.client(ca, "observer", "observer", TestPki.KeyForm.PKCS8_EC);
    TestPki.Identity server = pki.server(ca, "broker", "DNS:localhost", "IP:127.0.0.1");
    broker = MosquittoBroker.start(dir.resolve("broker"), ca.cert(), server, ACL);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  static URI endpoint(String host, int port) {
    return URI.create("mqtts://" + host + ":" + port);
  }

  static MqttTransport transport(String name, URI endpoint, TestPki.Ca trusted, TestPki.Identity identity) throws Exception {
    return transport(name, endpoint, trusted, identity, MQTT);
  }

  static MqttTransport transport(String name, URI endpoint, TestPki.Ca trusted, TestPki.Identity identity, MqttConfig config)
      throws Exception {
    Provisioning provisioning = pki.provisioning(name, DEVICE, endpoint, trusted, identity);
    return new MqttTransport(provisioning, ROOM, config, Clock.systemUTC(), Duration.ofSeconds(10));
  }

  static MqttConfig qos(int qos) {
    return new MqttConfig(MQTT.topic(), qos, MQTT.keepAlive(), MQTT.username(), MQTT.passwordFile());
  }

  /** A broker of the test's own that logs every packet, so a test can tell which QoS flow was used. */
  static MosquittoBroker packetLoggingBroker(String name) throws Exception {
    TestPki.Identity server = pki.server(ca, name + "-broker", "DNS:localhost", "IP:127.0.0.1");
    return MosquittoBroker.start(dir.resolve(name), ca.cert(), server, ACL, new MosquittoBroker.Extra(Map.of(), true));
  }

  static Observer observe(int port) throws Exception {
    return new Observer(pki.provisioning("observer-" + port, "observer", endpoint("localhost", port), ca, observer), "office/#");
  }

  static List<Reading> readings(String sensor, Quantity quantity, int count, Instant start) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      readings.add(Reading.of(sensor, quantity, 20 + i * 0.25, start.plusSeconds(10L * i)).withSeq(i));
    }
    return readings;
  }

  @Test
  void readingsArriveAsSenmlPacksPerTopicAfterARetainedBirth() throws Exception {
    Instant start = Instant.parse("2026-11-20T10:00:00Z");
    List<Reading> temperature = readings("air", Quantity.TEMPERATURE, 3, start);
    List<Reading> humidity = readings("air", Quantity.HUMIDITY, 2, start);
    List<Reading> batch = new ArrayList<>(temperature);
    batch.addAll(humidity);
    try (MqttTransport transport = transport("plain", endpoint("localhost", broker.port()), ca, device)) {
      transport.connect();
      try (Observer back = observe(broker.port())) {
        Observer.Received birth = back.next(STATUS, 10);
        assertEquals("online", birth.payload());
        assertTrue(birth.retained(), "birth is retained");
        transport.publish(batch);
        Observer.Received first = back.next(10);
        Observer.Received second = back.next(10);
        assertEquals("office/meeting-room-1/air/temperature", first.topic());
        assertEquals(Senml.encode(DEVICE, temperature), first.payload());
        assertEquals(Senml.CONTENT_TYPE, first.contentType());
        assertEquals("office/meeting-room-1/air/humidity", second.topic());
        assertEquals(Senml.encode(DEVICE, humidity), second.payload());
        assertTrue(first.payload().startsWith("[{\"bn\":\"urn:dev:sensor-agent:meeting-room-1:\",\"bt\":1795168800.0,"
            + "\"n\":\"air/temperature\",\"u\":\"Cel\",\"v\":20.0,\"t\":0.0}"), first.payload());
      }
    }
  }

  @Test
  void anAbruptDropPublishesTheRetainedOfflineWillAndAReconnectTheBirth() throws Exception {
    try (TcpProxy link = new TcpProxy(broker.port());
        MqttTransport transport = transport("dropped", endpoint("127.0.0.1", link.port()), ca, device)) {
      transport.connect();
      link.cut();
      try (Observer back = observe(broker.port())) {
        Observer.Received will = back.next(STATUS, 10);
        assertEquals("offline", will.payload());
        assertTrue(will.retained(), "will is retained");
        TransportException down = assertThrows(TransportException.class,
            () -> transport.publish(readings("air", Quantity.TEMPERATURE, 1, Instant.now())));
        assertEquals(Retry.SOON, down.retry());
        transport.connect(); // the same session, resumed
        assertEquals("online", back.next(STATUS, 10).payload());
        transport.publish(readings("air", Quantity.TEMPERATURE, 1, Instant.now()));
        transport.close();
        assertEquals("offline", back.next(STATUS, 10).payload(), "a clean close also says offline");
      }
    }
  }

  @Test
  void aConnectionLostMidBatchAcknowledgesNothingOfWhatWasInFlight() throws Exception {
    try (TcpProxy link = new TcpProxy(broker.port());
        MqttTransport transport = transport("mid-batch", endpoint("127.0.0.1", link.port()), ca, device)) {
      transport.connect();
      link.stall();
      CompletableFuture<TransportException> result = CompletableFuture.supplyAsync(() -> {
        try {
          transport.publish(readings("air", Quantity.TEMPERATURE, 2_000, Instant.now()));
          return null;
        } catch (TransportException e) {
          return e;
        }
      });
      assertTrue(link.awaitHeldBack(10, TimeUnit.SECONDS), "the batch was sent into the stalled link");
      link.cut();
      TransportException lost = result.get(20, TimeUnit.SECONDS);
      assertEquals(Retry.SOON, lost.retry(), lost.getMessage());
      assertTrue(lost.acknowledged().isEmpty());
      assertTrue(lost.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection lost"), lost.getMessage());
    }
  }

  @Test
  void aStoppedBrokerFailsSoonAndARestartedOneTakesTheNextBatch() throws Exception {
    TestPki.Identity server = pki.server(ca, "restart-broker", "DNS:localhost", "IP:127.0.0.1");
    try (MosquittoBroker own = MosquittoBroker.start(dir.resolve("restart"), ca.cert(), server, ACL);
        MqttTransport transport = transport("restart", endpoint("localhost", own.port()), ca, device)) {
      transport.connect();
      transport.publish(readings("air", Quantity.TEMPERATURE, 5, Instant.now()));
      own.stop();
      TransportException down = assertThrows(TransportException.class,
          () -> transport.publish(readings("air", Quantity.TEMPERATURE, 5, Instant.now())));
      assertEquals(Retry.SOON, down.retry(), down.getMessage());
      assertTrue(down.acknowledged().isEmpty());
      TransportException unreachable = assertThrows(TransportException.class, transport::connect);
      assertEquals(Retry.SOON, unreachable.retry());
      assertTrue(unreachable.getMessage().contains("unreachable"), unreachable.getMessage());
      own.start();
      transport.connect();
      transport.publish(readings("air", Quantity.TEMPERATURE, 5, Instant.now()));
    }
  }

  @Test
  void aBrokerCertificateFromAnotherCaIsRefused() throws Exception {
    TestPki.Ca foreign = pki.ca("foreign-ca");
    TestPki.Identity server = pki.server(foreign, "foreign-broker", "DNS:localhost", "IP:127.0.0.1");
    assertBrokerRefused("foreign", foreign, server, "not signed by the provisioned CA");
  }

  @Test
  void aBrokerCertificateForAnotherHostIsRefused() throws Exception {
    TestPki.Identity server = pki.server(ca, "elsewhere-broker", "DNS:elsewhere.example");
    assertBrokerRefused("elsewhere", ca, server, "not for host \"localhost\"");
  }

  @Test
  void anExpiredBrokerCertificateIsRefused() throws Exception {
    TestPki.Identity server = pki.expiredServer(ca, "expired-broker", "DNS:localhost", "IP:127.0.0.1");
    assertBrokerRefused("expired", ca, server, "the broker's certificate has expired");
  }

  private void assertBrokerRefused(String name, TestPki.Ca brokerCa, TestPki.Identity server, String expected) throws Exception {
    try (MosquittoBroker own = MosquittoBroker.start(dir.resolve(name), brokerCa.cert(), server, ACL);
        MqttTransport transport = transport(name, endpoint("localhost", own.port()), ca, device)) {
      TransportException refused = assertThrows(TransportException.class, transport::connect);
      assertEquals(Retry.SLOWLY, refused.retry(), refused.getMessage());
      assertTrue(refused.getMessage().contains(expected), refused.getMessage());
      assertTrue(refused.acknowledged().isEmpty());
      TransportException notSent = assertThrows(TransportException.class,
          () -> transport.publish(readings("air", Quantity.TEMPERATURE, 1, Instant.now())));
      assertTrue(notSent.acknowledged().isEmpty());
    }
  }

  @Test
  void aDeviceCertificateTheBrokerDoesNotTrustIsReportedAsRejected() throws Exception {
    TestPki.Ca stranger = pki.ca("stranger-ca");
    TestPki.Identity untrusted = pki.client(stranger, "untrusted-device", DEVICE, TestPki.KeyForm.PKCS8_EC);
    try (MqttTransport transport = transport("untrusted", endpoint("localhost", broker.port()), ca, untrusted)) {
      TransportException refused = assertThrows(TransportException.class, transport::connect);
      assertEquals(Retry.SLOWLY, refused.retry(), refused.getMessage());
      assertTrue(refused.getMessage().contains("rejected this device's certificate"), refused.getMessage());
    }
  }

  @Test
  void aTopicTheAclForbidsIsRefusedWith0x87AndTheOthersAreAcknowledged() throws Exception {
    List<Reading> allowed = readings("air", Quantity.TEMPERATURE, 4, Instant.now());
    List<Reading> forbidden = readings("desk", Quantity.TEMPERATURE, 3, Instant.now());
    List<Reading> batch = new ArrayList<>(forbidden);
    batch.addAll(allowed);
    try (MqttTransport transport = transport("acl", endpoint("localhost", broker.port()), ca, device)) {
      transport.connect();
      TransportException refused = assertThrows(TransportException.class, () -> transport.publish(batch));
      assertEquals(Retry.SLOWLY, refused.retry());
      assertEquals(allowed, refused.acknowledged());
      assertTrue(refused.getMessage().contains("PUBACK 0x87 Not authorized for 3 readings on office/meeting-room-1/desk/temperature"),
          refused.getMessage());
      assertFalse(refused.getMessage().contains("air/temperature"), refused.getMessage());
    }
  }

  @Test
  void atQos0TheReadingsReachTheBrokerAndPublishReturnsOnceTheyAreWritten() throws Exception {
    Instant start = Instant.now();
    List<Reading> temperature = readings("air", Quantity.TEMPERATURE, 3, start);
    List<Reading> humidity = readings("air", Quantity.HUMIDITY, 2, start);
    List<Reading> batch = new ArrayList<>(temperature);
    batch.addAll(humidity);
    try (MosquittoBroker own = packetLoggingBroker("qos0");
        MqttTransport transport = transport("qos0", endpoint("localhost", own.port()), ca, device, qos(0));
        Observer back = observe(own.port())) {
      transport.connect();
      transport.publish(batch);
      assertEquals(Senml.encode(DEVICE, temperature), back.next("office/meeting-room-1/air/temperature", 10).payload());
      assertEquals(Senml.encode(DEVICE, humidity), back.next("office/meeting-room-1/air/humidity", 10).payload());
      List<String> publishes = own.awaitLog("Received PUBLISH from " + DEVICE + " (d0, q0, r0, m0, 'office/meeting-room-1/air/", 2, 10);
      assertEquals(2, publishes.size(), String.join("\n", publishes));
      // QoS 0 has no acknowledgement: the only PUBACK the device got was for its QoS 1 birth message
      assertEquals(1, own.logLines("Sending PUBACK to " + DEVICE).size(), own.log());
    }
  }

  @Test
  void atQos2EveryMessageArrivesExactlyOnceAfterTheFullPubrecPubrelPubcompFlow() throws Exception {
    Instant start = Instant.now();
    List<Reading> temperature = readings("air", Quantity.TEMPERATURE, 3, start);
    List<Reading> humidity = readings("air", Quantity.HUMIDITY, 2, start);
    List<Reading> batch = new ArrayList<>(temperature);
    batch.addAll(humidity);
    List<Reading> marker = readings("air", Quantity.PRESSURE, 1, start);
    try (MosquittoBroker own = packetLoggingBroker("qos2");
        MqttTransport transport = transport("qos2", endpoint("localhost", own.port()), ca, device, qos(2));
        Observer back = new Observer(pki.provisioning("observer-qos2", "observer", endpoint("localhost", own.port()), ca,
            observer), "office/meeting-room-1/air/#", false, 2, null, null)) {
      transport.connect();
      transport.publish(batch);
      transport.publish(marker);
      // the broker keeps the order of one publisher's messages: all before the marker have arrived when it does
      List<String> arrived = new ArrayList<>();
      for (Observer.Received message = back.next(10); ; message = back.next(10)) {
        arrived.add(message.topic() + " " + message.payload());
        if (message.topic().endsWith("/pressure")) {
          break;
        }
      }
      assertEquals(List.of(
          "office/meeting-room-1/air/temperature " + Senml.encode(DEVICE, temperature),
          "office/meeting-room-1/air/humidity " + Senml.encode(DEVICE, humidity),
          "office/meeting-room-1/air/pressure " + Senml.encode(DEVICE, marker)), arrived);
      // mosquitto may not have flushed its log yet when the marker reaches the observer: wait for the lines
      assertEquals(3, own.awaitLog("Received PUBLISH from " + DEVICE + " (d0, q2, r0,", 3, 10).size(), own.log());
      // publish() returned, so Paho completed each token; at QoS 2 it does so on PUBCOMP, which the broker sent
      // only after the PUBREL that answered its PUBREC
      assertEquals(3, own.awaitLog("Sending PUBREC to " + DEVICE, 3, 10).size(), own.log());
      assertEquals(3, own.awaitLog("Received PUBREL from " + DEVICE, 3, 10).size(), own.log());
      assertEquals(3, own.awaitLog("Sending PUBCOMP to " + DEVICE, 3, 10).size(), own.log());
      assertEquals(List.of(), back.drain(), "nothing arrived twice");
    }
  }
}
