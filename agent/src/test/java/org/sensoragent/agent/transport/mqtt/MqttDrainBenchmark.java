package org.sensoragent.agent.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.DeviceConfig;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.drivers.Quantity;

/**
 * How fast a backlog drains to a local mosquitto over mutual TLS at QoS 1: 100,000 readings through
 * MqttTransport in Forwarder-sized batches (the queue simulated by a list), beside the same readings
 * sent one message per line by {@code mosquitto_pub -l} with the same TLS and QoS. Prints figures,
 * asserts only that everything was acknowledged. Run:
 * {@code mvn -B -Pbench -pl agent -am test -Dtest=MqttDrainBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class MqttDrainBenchmark {

  static final int READINGS = 100_000;
  static final String DEVICE = "meeting-room-1";
  static final String[] SENSORS = {"air", "desk", "window", "door", "ceiling"};

  @TempDir Path dir;

  @Test
  void drainBesideMosquittoPub() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPki.Ca ca = pki.ca("bench-ca");
    TestPki.Identity device = pki.client(ca, "device", DEVICE, TestPki.KeyForm.PKCS8_EC);
    List<Reading> backlog = backlog();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), ca.cert(),
        pki.server(ca, "broker", "DNS:localhost", "IP:127.0.0.1"), null)) {
      URI endpoint = URI.create("mqtts://localhost:" + broker.port());
      MqttConfig mqtt = new MqttConfig("{site}/{room}/{sensor}/{quantity}", 1, Duration.ofSeconds(60), "", null);
      List<String> lines = new ArrayList<>();
      drain(pki, ca, device, endpoint, mqtt, backlog, 5_000); // warm-up: JIT, class loading, broker
      long encodeStart = System.nanoTime();
      for (int i = 0; i < backlog.size(); i += BatchPublisher.MAX_READINGS_PER_MESSAGE) {
        Senml.encode(DEVICE, backlog.subList(i, i + BatchPublisher.MAX_READINGS_PER_MESSAGE));
      }
      lines.add(String.format("SenML encoding alone      : %,10.0f readings/s", READINGS / ((System.nanoTime() - encodeStart) / 1e9)));
      for (int batch : new int[] {500, 5_000, 10_000}) {
        double perSecond = drain(pki, ca, device, endpoint, mqtt, backlog, batch);
        lines.add(String.format("MqttTransport, batch %5d: %,10.0f readings/s", batch, perSecond));
      }
      double reference = mosquittoPub(ca, device, broker.port(), backlog);
      lines.add(String.format("mosquitto_pub -l -q 1    : %,10.0f readings/s (one message per reading)", reference));
      System.out.println("\n=== MQTT drain, " + READINGS + " readings, QoS 1, mutual TLS, local mosquitto ===");
      lines.forEach(System.out::println);
    }
  }

  private static List<Reading> backlog() {
    List<Reading> readings = new ArrayList<>(READINGS);
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    Quantity[] quantities = {Quantity.TEMPERATURE, Quantity.HUMIDITY};
    for (int i = 0; i < READINGS; i++) {
      int series = i % (SENSORS.length * quantities.length);
      readings.add(new Reading(i, SENSORS[series / 2], quantities[series % 2], 20 + (i % 97) * 0.125,
          start.plusSeconds(10L * (i / 10)), true, 0));
    }
    return readings;
  }

  private static double drain(TestPki pki, TestPki.Ca ca, TestPki.Identity device, URI endpoint, MqttConfig mqtt,
      List<Reading> backlog, int batch) throws Exception {
    try (MqttTransport transport = new MqttTransport(pki.provisioning("bench-" + batch, DEVICE, endpoint, ca, device),
        new DeviceConfig("office", DEVICE), mqtt, Clock.systemUTC(), Duration.ofSeconds(30))) {
      transport.connect();
      long started = System.nanoTime();
      int acknowledged = 0;
      while (acknowledged < backlog.size()) { // peek, publish, remove: the Forwarder's loop
        List<Reading> peeked = backlog.subList(acknowledged, Math.min(backlog.size(), acknowledged + batch));
        transport.publish(peeked);
        acknowledged += peeked.size();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      assertEquals(READINGS, acknowledged);
      return READINGS / seconds;
    }
  }

  private double mosquittoPub(TestPki.Ca ca, TestPki.Identity device, int port, List<Reading> backlog) throws Exception {
    Path input = dir.resolve("lines.txt");
    StringBuilder text = new StringBuilder(backlog.size() * 120);
    for (Reading reading : backlog) {
      text.append(Senml.encode(DEVICE, List.of(reading))).append('\n');
    }
    Files.writeString(input, text, StandardCharsets.UTF_8);
    byte[] bytes = Files.readAllBytes(input);
    Process process = new ProcessBuilder(Tools.require("mosquitto_pub", "mosquitto-clients").toString(),
        "-h", "localhost", "-p", String.valueOf(port), "-V", "mqttv5", "-q", "1", "-i", DEVICE + "-pub",
        "--cafile", ca.cert().toString(), "--cert", device.cert().toString(), "--key", device.key().toString(),
        "-t", "office/" + DEVICE + "/air/temperature", "-l")
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto_pub.log").toFile()).start();
    long started = System.nanoTime();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(bytes);
    } catch (IOException e) {
      throw new IOException("mosquitto_pub stopped reading: " + Files.readString(dir.resolve("mosquitto_pub.log")), e);
    }
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mosquitto_pub did not finish within 10 minutes");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve("mosquitto_pub.log")));
    return READINGS / seconds;
  }
}
