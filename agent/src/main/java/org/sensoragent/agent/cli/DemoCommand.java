package org.sensoragent.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sensoragent.agent.Agent;
import org.sensoragent.agent.clock.ClockTrust;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.config.ConfigLoader;
import org.sensoragent.agent.config.Durations;
import org.sensoragent.agent.config.QueueConfig;
import org.sensoragent.agent.demo.DemoReceiver;
import org.sensoragent.agent.log.Logging;
import org.sensoragent.agent.provisioning.ProvisioningLoader;
import org.sensoragent.agent.queue.SqliteReadingQueue;
import org.sensoragent.agent.sampling.ScheduledSensor;
import org.sensoragent.agent.sampling.SensorFactory;
import org.sensoragent.agent.transport.Transport;
import org.sensoragent.agent.transport.TransportSelection;
import org.sensoragent.drivers.thermal.ThermalZone;
import org.tinylog.Logger;

/**
 * {@code sensor-agent demo}: the whole pipeline on any machine, no hardware, no outside server —
 * simulated sensors and the host's thermal zones, a throw-away SQLite queue, and the real CoAP
 * transport sending over DTLS with a fresh PSK to an in-process receiver on loopback, which
 * prints every SenML pack it gets. Stops after {@code --duration} or on Ctrl-C, and leaves nothing.
 */
public final class DemoCommand implements Command {

  private static final String CONFIG = "demo.toml";
  private final PrintStream out;
  private final Path thermalRoot;

  public DemoCommand(PrintStream out, Path thermalRoot) {
    this.out = out;
    this.thermalRoot = thermalRoot;
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "the whole pipeline with simulated sensors and a CoAP/DTLS receiver on loopback";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("--duration");
  }

  @Override
  public String usage() {
    return "  --duration D  stop by itself after D (\"20s\", \"5m\"); default: run until Ctrl-C\n";
  }

  @Override
  public int run(Args args) throws UsageException, IOException, InterruptedException {
    Duration duration = duration(args);
    AgentConfig config = builtInConfig();
    Logging.configure(config.log().level());
    Path work = Files.createTempDirectory("sensor-agent-demo-");
    DemoReceiver receiver = DemoReceiver.start(pack -> out.println("receiver got " + pack));
    Agent agent;
    try {
      agent = pipeline(config, work, receiver);
    } catch (ConfigException e) {
      receiver.close();
      deleteTree(work);
      throw new IOException(e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      receiver.close();
      deleteTree(work);
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown = new Thread(() -> stop(agent, receiver, work, stopped), "demo-stop");
    Runtime.getRuntime().addShutdownHook(shutdown);
    out.println("demo: " + receiver.endpoint() + " receives; " + (duration == null ? "Ctrl-C stops" : "stops after " + args.value("--duration", "")));
    agent.start();
    if (duration != null && !stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
      Runtime.getRuntime().removeShutdownHook(shutdown);
      stop(agent, receiver, work, stopped);
    }
    stopped.await();
    return ExitCode.OK;
  }

  private Agent pipeline(AgentConfig config, Path work, DemoReceiver receiver) throws ConfigException, IOException {
    Path provisioningDir = receiver.writeProvisioning(work.resolve("provisioning"), "demo-1");
    Transport transport = TransportSelection.build(
        ProvisioningLoader.load(provisioningDir, null), config.device(), config.mqtt());
    QueueConfig queue = config.queue();
    SqliteReadingQueue readings = SqliteReadingQueue.open(
        new QueueConfig(work.resolve("queue.db"), queue.maxReadings(), queue.maxBytes(), queue.synchronous()));
    return new Agent(config.forward(), config.log(), sensors(config), readings, transport,
        ClockTrust.create(config.clock().trust()), Clock.systemUTC(), () -> {});
  }

  private List<ScheduledSensor> sensors(AgentConfig config) {
    SensorFactory factory = new SensorFactory(config.paths(), (bus, address) -> {
      throw new IOException("the demo uses no I2C");
    }, System::currentTimeMillis);
    List<ScheduledSensor> sensors = factory.schedule(config.sensors());
    for (String zone : ThermalZone.scan(thermalRoot)) {
      sensors.add(new ScheduledSensor(zone, "thermal-zone " + zone, new ThermalZone(thermalRoot, zone),
          Duration.ofSeconds(5), Duration.ofSeconds(2)));
    }
    return sensors;
  }

  private static Duration duration(Args args) throws UsageException {
    if (!args.has("--duration")) {
      return null;
    }
    try {
      return Durations.parse(args.value("--duration", ""));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--duration " + e.getMessage());
    }
  }

  private static AgentConfig builtInConfig() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(CONFIG)) {
      if (in == null) {
        throw new IOException(CONFIG + " is missing from the jar");
      }
      return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(CONFIG));
    } catch (ConfigException e) {
      throw new IllegalStateException("the built-in " + CONFIG + " is broken: " + e.getMessage(), e);
    }
  }

  private static void stop(Agent agent, DemoReceiver receiver, Path work, CountDownLatch stopped) {
    if (stopped.getCount() == 0) {
      return;
    }
    try {
      agent.close();
    } catch (IOException e) {
      Logger.error("demo: stopping: {}", e.getMessage());
    } finally {
      receiver.close();
      deleteTree(work);
      stopped.countDown();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      Logger.warn("demo: could not remove {}: {}", root, e.getMessage());
    }
  }
}
