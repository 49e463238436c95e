package org.sensoragent.agent.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.Stats;
import org.sensoragent.agent.clock.Sleeper;
import org.sensoragent.agent.config.DeviceConfig;
import org.sensoragent.agent.config.ForwardConfig;
import org.sensoragent.agent.config.MqttConfig;
import org.sensoragent.agent.config.QueueConfig;
import org.sensoragent.agent.queue.SqliteReadingQueue;
import org.sensoragent.agent.transport.Senml;
import org.sensoragent.agent.transport.mqtt.MosquittoBroker;
import org.sensoragent.agent.transport.mqtt.MqttTransport;
import org.sensoragent.agent.transport.mqtt.TestPki;
import org.sensoragent.agent.transport.mqtt.Tools;
import org.sensoragent.drivers.Quantity;

/**
 * How fast a backlog drains: 100,000 readings in the real SQLite queue ({@code synchronous=full}),
 * drained by the real {@link Forwarder} through {@link MqttTransport} over mutual TLS at QoS 1 to a
 * local mosquitto, for several {@code [forward] batch} sizes; beside the same 100,000 readings sent
 * one message per line by {@code mosquitto_pub -l} with the same TLS and QoS (the reference the
 * target "at least 5x mosquitto_pub" is measured against). Also prints the heap one peeked batch
 * and its SenML messages hold. Prints figures, asserts only that everything was delivered. Run:
 * {@code mvn -B -Pbench -pl agent -am test -Dtest=BacklogDrainBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class BacklogDrainBenchmark {

  static final int READINGS = 100_000;
  static final String DEVICE = "meeting-room-1";
  /** Five sensors of two quantities each: ten topics, as a room with a few multi-quantity chips. */
  static final String[] SENSORS = {"air", "desk", "window", "door", "ceiling"};
  static final int[] BATCHES = {500, 2_000, 5_000, 10_000};
  /** Each figure is the median of this many runs: a loopback broker on a shared host is noisy. */
  static final int RUNS = 3;

  @TempDir Path dir;

  @Test
  void drainBesideMosquittoPub() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPki.Ca ca = pki.ca("bench-ca");
    TestPki.Identity device = pki.client(ca, "device", DEVICE, TestPki.KeyForm.PKCS8_EC);
    List<String> rows = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), ca.cert(),
        pki.server(ca, "broker", "DNS:localhost", "IP:127.0.0.1"), null)) {
      URI endpoint = URI.create("mqtts://localhost:" + broker.port());
      drain(pki, ca, device, endpoint, 5_000, 20_000, 0); // warm-up: JIT, class loading, broker
      double[] pubs = new double[RUNS];
      for (int run = 0; run < RUNS; run++) {
        pubs[run] = mosquittoPub(ca, device, broker.port(), run);
      }
      double reference = median(pubs);
      for (int batch : BATCHES) {
        double[] runs = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
          runs[run] = drain(pki, ca, device, endpoint, batch, READINGS, run);
        }
        double perSecond = median(runs);
        rows.add(String.format(Locale.ROOT, "| Forwarder + SQLite queue + MqttTransport, batch %,6d | %,9.0f | %5.1fx | %,7d KB |",
            batch, perSecond, perSecond / reference, batchHeapBytes(batch) / 1024));
      }
      rows.add(String.format(Locale.ROOT, "| mosquitto_pub -l -q 1 (one message per reading)        | %,9.0f | %5.1fx |         |",
          reference, 1.0));
    }
    System.out.printf(Locale.ROOT, "%n=== backlog drain: %,d readings, QoS 1, mutual TLS, local mosquitto, %d cores, %s ===%n",
        READINGS, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
    System.out.println("| sender                                                 | readings/s | vs pub | heap/batch |");
    System.out.println("|--------------------------------------------------------|-----------:|-------:|-----------:|");
    rows.forEach(System.out::println);
    System.out.println("heap/batch: heap retained by one peeked batch plus its SenML messages (measured after GC)");
    System.out.println("readings/s: median of " + RUNS + " runs; each run drains a fresh queue of " + READINGS + " readings");
  }

  /** Fills a fresh queue with {@code readings}, drains it with a Forwarder, returns readings/s. */
  private double drain(TestPki pki, TestPki.Ca ca, TestPki.Identity device, URI endpoint, int batch, int readings,
      int run) throws Exception {
    Path file = dir.resolve("queue-" + batch + "-" + readings + "-" + run + ".db");
    QueueConfig queueConfig = new QueueConfig(file, 10_000_000, 1L << 30, "full");
    MqttConfig mqtt = new MqttConfig("{site}/{room}/{sensor}/{quantity}", 1, Duration.ofSeconds(60), "", null);
    ForwardConfig forward = new ForwardConfig(batch, Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMinutes(1), Duration.ofSeconds(5));
    try (SqliteReadingQueue queue = SqliteReadingQueue.open(queueConfig);
        MqttTransport transport = new MqttTransport(pki.provisioning("bench-" + batch + "-" + readings + "-" + run, DEVICE,
            endpoint, ca, device), new DeviceConfig("office", DEVICE), mqtt, Clock.systemUTC(), Duration.ofSeconds(30))) {
      List<Reading> all = backlog(readings);
      for (int from = 0; from < all.size(); from += 10_000) {
        queue.append(all.subList(from, Math.min(all.size(), from + 10_000)));
      }
      transport.connect(); // the handshake is not the drain; the Forwarder's connect() is then a no-op
      Stats stats = new Stats();
      Forwarder forwarder = new Forwarder(forward, queue, transport, () -> true, stats, System::nanoTime,
          Sleeper.SYSTEM, new SplittableRandom(1));
      long started = System.nanoTime();
      forwarder.start();
      try {
        while (stats.published() < readings) {
          Thread.sleep(2);
          if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(10)) {
            throw new AssertionError("drain did not finish within 10 minutes: " + stats.published() + " published");
          }
        }
      } finally {
        forwarder.stop();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      queue.flush();
      assertEquals(0, queue.depth(), "readings left in the queue");
      return readings / seconds;
    }
  }

  /** Heap held by one batch as the Forwarder holds it: the peeked readings and their SenML bytes. */
  private long batchHeapBytes(int batch) throws IOException {
    QueueConfig config = new QueueConfig(dir.resolve("heap-" + batch + ".db"), 10_000_000, 1L << 30, "normal");
    try (SqliteReadingQueue queue = SqliteReadingQueue.open(config)) {
      queue.append(backlog(batch));
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long before = usedAfterGc(memory);
      List<Reading> peeked = queue.peek(batch);
      List<byte[]> messages = new ArrayList<>();
      for (int from = 0; from < peeked.size(); from += 500) { // BatchPublisher's pack size, all in flight at once
        messages.add(Senml.encode(DEVICE, peeked.subList(from, Math.min(peeked.size(), from + 500)))
            .getBytes(StandardCharsets.UTF_8));
      }
      long after = usedAfterGc(memory);
      assertEquals(batch, peeked.size());
      Reference.reachabilityFence(messages); // held, as in flight, until measured
      return after - before;
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static List<Reading> backlog(int count) {
    List<Reading> readings = new ArrayList<>(count);
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    Quantity[] quantities = {Quantity.TEMPERATURE, Quantity.HUMIDITY};
    for (int i = 0; i < count; i++) {
      int series = i % (SENSORS.length * quantities.length);
      readings.add(Reading.of(SENSORS[series / 2], quantities[series % 2], 20 + (i % 97) * 0.125,
          start.plusSeconds(10L * (i / 10))));
    }
    return readings;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private double mosquittoPub(TestPki.Ca ca, TestPki.Identity device, int port, int run) throws Exception {
    List<Reading> readings = backlog(READINGS);
    StringBuilder text = new StringBuilder(READINGS * 120);
    for (int i = 0; i < readings.size(); i++) {
      text.append(Senml.encode(DEVICE, List.of(readings.get(i).withSeq(i + 1)))).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    Path log = dir.resolve("mosquitto_pub-" + run + ".log");
    Process process = new ProcessBuilder(Tools.require("mosquitto_pub", "mosquitto-clients").toString(),
        "-h", "localhost", "-p", String.valueOf(port), "-V", "mqttv5", "-q", "1", "-i", DEVICE + "-pub" + run,
        "--cafile", ca.cert().toString(), "--cert", device.cert().toString(), "--key", device.key().toString(),
        "-t", "office/" + DEVICE + "/air/temperature", "-l")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long started = System.nanoTime();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(bytes);
      } catch (IOException e) {
        throw new IOException("mosquitto_pub stopped reading: " + Files.readString(log), e);
      }
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        throw new AssertionError("mosquitto_pub did not finish within 10 minutes");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      assertEquals(0, process.exitValue(), Files.readString(log));
      return READINGS / seconds;
    } finally {
      process.destroyForcibly();
    }
  }
}
