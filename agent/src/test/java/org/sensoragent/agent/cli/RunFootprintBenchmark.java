package org.sensoragent.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.transport.mqtt.MosquittoBroker;
import org.sensoragent.agent.transport.mqtt.TestPki;

/**
 * What {@code sensor-agent run} costs on the device: the runnable jar run by the launcher script
 * {@code systemd/sensor-agent} itself (its JVM flags and environment: one source of truth),
 * simulated sensors, forwarding over mutual TLS to a local mosquitto. Two children run side by
 * side for {@value #MEASURE_SECONDS} s after a warm-up: three one-quantity sensors (3 readings per
 * round) and a realistic room (a BME280-like sensor with 3 quantities, an SHT3x-like with 2, a
 * DS18B20-like: 6 readings per round), all on one interval so each round is one transaction.
 * Prints {@code VmRSS}, {@code RssAnon}, {@code RssFile}, threads (from {@code /proc/<pid>/status}),
 * heap in use ({@code jcmd <pid> GC.heap_info}), and disk written per reading: {@code write_bytes}
 * of {@code /proc/<pid>/io} over the window divided by the readings the summary line counted.
 * Asserts nothing. Needs the jar: {@code mvn -q -pl agent -am package -DskipTests}, then
 * {@code mvn -B -Pbench -pl agent -am test -Dtest=RunFootprintBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * {@code -Dbench.javaOpts="..."} is passed as {@code SENSOR_AGENT_JAVA_OPTS} (appended flags).
 */
class RunFootprintBenchmark {

  static final String DEVICE = "meeting-room-1";
  static final String INTERVAL = "5s";
  static final int WARMUP_SECONDS = 15;
  /** {@code -Dbench.seconds} shortens the window while trying flags; the figures to quote use 60. */
  static final int MEASURE_SECONDS = Integer.getInteger("bench.seconds", 60);
  private static final Pattern TAKEN = Pattern.compile("summary: taken (\\d+),");

  @TempDir Path dir;

  @Test
  void runBesideTheTargets() throws Exception {
    Path jar = Path.of("target/sensor-agent.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: build it first with mvn -q -pl agent -am package -DskipTests");
    }
    Path launcher = Path.of("../systemd/sensor-agent").toAbsolutePath();
    String extra = System.getProperty("bench.javaOpts", "").trim();
    TestPki pki = new TestPki(dir.resolve("pki"));
    TestPki.Ca ca = pki.ca("bench-ca");
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), ca.cert(),
        pki.server(ca, "broker", "DNS:localhost", "IP:127.0.0.1"), null)) {
      URI endpoint = URI.create("mqtts://localhost:" + broker.port());
      String three = sensor("a", "temperature") + sensor("b", "temperature") + sensor("c", "temperature");
      String room = sensor("bme", "temperature\", \"humidity\", \"pressure") + sensor("sht", "temperature\", \"humidity")
          + sensor("ds", "temperature");
      Child[] children = {
          new Child("3 simulated sensors, 3 readings/round", config("three", three, device(pki, ca, endpoint, DEVICE + "-a"))),
          new Child("BME280+SHT3x+DS18B20-like, 6 readings/round", config("room", room, device(pki, ca, endpoint, DEVICE + "-b")))};
      try {
        for (Child child : children) {
          child.start(launcher, jar, extra);
        }
        for (Child child : children) {
          child.awaitSummary(WARMUP_SECONDS + 10);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(WARMUP_SECONDS));
        for (Child child : children) {
          child.mark();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(MEASURE_SECONDS));
        for (Child child : children) {
          child.finish();
        }
      } finally {
        for (Child child : children) {
          child.stop();
        }
      }
      System.out.printf(Locale.ROOT, "%n=== sensor-agent run: %d s after a %d s warm-up, interval %s, MQTT QoS 1 over mutual TLS"
          + " to a local mosquitto, %s, %d cores ===%n", MEASURE_SECONDS, WARMUP_SECONDS, INTERVAL,
          System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
      System.out.println("child: " + children[0].commandLine + " (MALLOC_ARENA_MAX=" + children[0].mallocArenaMax + ")");
      System.out.println("| config                                        | VmRSS  | RssAnon | RssFile | heap used/committed | threads | readings | written/reading |");
      System.out.println("|-----------------------------------------------|-------:|--------:|--------:|--------------------:|--------:|---------:|----------------:|");
      for (Child child : children) {
        System.out.println(child.row());
      }
      System.out.println("targets: RssAnon <= 40 MB, VmRSS <= 64 MB, written/reading <= 1 KB (synchronous = full,"
          + " one commit per round); MB = 2^20 bytes, KB = 2^10");
      for (Child child : children) {
        System.out.println(child.label + ": last " + child.lastSummary.replaceFirst("^<\\d>", ""));
        System.out.println(child.label + ": " + child.heapInfo);
        if (!child.nativeMemory.isEmpty()) {
          System.out.println(child.nativeMemory);
        }
      }
    }
  }

  /** Each child is its own device: one client id per broker connection, as in a fleet. */
  private static Path device(TestPki pki, TestPki.Ca ca, URI endpoint, String id) throws Exception {
    TestPki.Identity device = pki.client(ca, id, id, TestPki.KeyForm.PKCS8_EC);
    return pki.provisioning("provisioning-" + id, id, endpoint, ca, device).dir();
  }

  private static String sensor(String name, String quantities) {
    return "[[sensor]]\nname = \"" + name + "\"\ntype = \"simulated\"\nquantities = [\"" + quantities
        + "\"]\ninterval = \"" + INTERVAL + "\"\n\n";
  }

  private Path config(String name, String sensors, Path provisioning) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Path file = folder.resolve("agent.toml");
    Files.writeString(file, sensors
        + "[queue]\npath = \"" + folder.resolve("queue.db") + "\"\nsynchronous = \"full\"\n\n"
        + "[clock]\ntrust = \"always\"\n\n"
        + "[log]\nsummary = \"1s\"\n\n" // a summary after every round: the count of readings taken
        + "[paths]\nprovisioning = \"" + provisioning + "\"\n");
    return file;
  }

  /** One {@code run} child and its figures. */
  private static final class Child {
    final String label;
    final Path config;
    final BlockingQueue<Long> taken = new LinkedBlockingQueue<>();
    final List<String> output = new ArrayList<>();
    Process process;
    long markTaken;
    long markWritten;
    long readings;
    long written;
    String status = "";
    String heapInfo = "";
    String heap = "?";
    String commandLine = "";
    volatile String lastSummary = "";
    String mallocArenaMax = "";
    /** {@code VM.native_memory summary} and the thread names, when run with -XX:NativeMemoryTracking. */
    String nativeMemory = "";

    Child(String label, Path config) {
      this.label = label;
      this.config = config;
    }

    /**
     * Runs the launcher script itself, so its JVM flags and environment are what is measured; it
     * execs java, so the script's pid is the JVM's.
     */
    void start(Path launcher, Path jar, String javaOpts) throws IOException {
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", launcher.toString(), "run", "--config", config.toString())
          .directory(config.getParent().toFile()).redirectErrorStream(true);
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("SENSOR_AGENT_JAR", jar.toString());
      builder.environment().put("SENSOR_AGENT_JAVA_OPTS", javaOpts);
      builder.environment().remove("MALLOC_ARENA_MAX"); // the script's value, not the shell's
      builder.environment().remove("NOTIFY_SOCKET");
      process = builder.start();
      Thread reader = new Thread(() -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = lines.readLine()) != null; ) {
            synchronized (output) {
              output.add(line);
            }
            Matcher m = TAKEN.matcher(line);
            if (m.find()) {
              lastSummary = line;
              taken.add(Long.parseLong(m.group(1)));
            }
          }
        } catch (IOException e) {
          // the child ended
        }
      }, "run-output-" + label);
      reader.setDaemon(true);
      reader.start();
    }

    /** The readings taken at the next summary line, which the sampler logs right after storing a round. */
    long awaitSummary(int seconds) throws InterruptedException {
      Long count = taken.poll(seconds, TimeUnit.SECONDS);
      if (count == null || !process.isAlive()) {
        synchronized (output) {
          throw new AssertionError(label + ": no summary line within " + seconds + " s:\n" + String.join("\n", output));
        }
      }
      return count;
    }

    void mark() throws Exception {
      taken.clear();
      markTaken = awaitSummary(10);
      markWritten = proc("io", "write_bytes");
    }

    void finish() throws Exception {
      commandLine = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ').trim();
      mallocArenaMax = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "environ")).lines()
          .flatMap(l -> List.of(l.split("\0")).stream()).filter(v -> v.startsWith("MALLOC_ARENA_MAX="))
          .map(v -> v.substring("MALLOC_ARENA_MAX=".length())).findFirst().orElse("unset");
      taken.clear();
      long endTaken = awaitSummary(10);
      written = proc("io", "write_bytes") - markWritten;
      readings = endTaken - markTaken;
      status = String.format(Locale.ROOT, "| %6.1f | %7.1f | %7.1f |", proc("status", "VmRSS") / 1024.0,
          proc("status", "RssAnon") / 1024.0, proc("status", "RssFile") / 1024.0);
      heapInfo = jcmd("GC.heap_info").replaceAll("\\s+", " ").trim();
      Matcher young = Pattern.compile("def new generation\\s+total (\\d+)K, used (\\d+)K").matcher(heapInfo);
      Matcher old = Pattern.compile("tenured generation\\s+total (\\d+)K, used (\\d+)K").matcher(heapInfo);
      if (young.find() && old.find()) {
        heap = String.format(Locale.ROOT, "%.1f / %.1f MB",
            (Long.parseLong(young.group(2)) + Long.parseLong(old.group(2))) / 1024.0,
            (Long.parseLong(young.group(1)) + Long.parseLong(old.group(1))) / 1024.0);
      }
      status += String.format(Locale.ROOT, " %19s | %7d |", heap, proc("status", "Threads"));
      if (String.join(" ", ProcessHandle.of(process.pid()).flatMap(h -> h.info().arguments()).map(List::of)
          .orElse(List.of())).contains("NativeMemoryTracking")) {
        nativeMemory = jcmd("VM.native_memory summary") + "\nthreads: " + String.join(", ", Pattern
            .compile("^\"([^\"]+)\"", Pattern.MULTILINE).matcher(jcmd("Thread.print")).results().map(r -> r.group(1)).toList());
      }
    }

    String row() {
      return String.format(Locale.ROOT, "| %-45s %s %8d | %,10.0f B    |", label, status, readings,
          readings == 0 ? Double.NaN : (double) written / readings);
    }

    /** A number from {@code /proc/<pid>/<file>}: kB for status sizes, bytes for io, a count for Threads. */
    long proc(String file, String key) throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), file))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
        }
      }
      throw new AssertionError("/proc/" + process.pid() + "/" + file + " has no " + key);
    }

    String jcmd(String command) throws Exception {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(process.pid()), command).redirectErrorStream(true).start();
      try {
        String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return text;
      } finally {
        jcmd.destroyForcibly();
      }
    }

    /** SIGTERM (the agent's clean shutdown), then SIGKILL if it hangs. */
    void stop() throws InterruptedException {
      if (process == null) {
        return;
      }
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
