package org.sensoragent.agent.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.sensoragent.agent.Agent;
import org.sensoragent.agent.clock.ClockTrust;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.log.Logging;
import org.sensoragent.agent.provisioning.Finding;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.ProvisioningInstaller;
import org.sensoragent.agent.provisioning.ProvisioningLoader;
import org.sensoragent.agent.provisioning.ProvisioningValidator;
import org.sensoragent.agent.provisioning.ValidationReport;
import org.sensoragent.agent.queue.ReadingQueue;
import org.sensoragent.agent.queue.SqliteReadingQueue;
import org.sensoragent.agent.sampling.SensorFactory;
import org.sensoragent.agent.systemd.SystemdNotify;
import org.sensoragent.agent.systemd.WatchdogFeeder;
import org.sensoragent.agent.transport.Transport;
import org.sensoragent.agent.transport.TransportSelection;
import org.sensoragent.drivers.i2c.I2cOpener;
import org.tinylog.Logger;

/**
 * {@code sensor-agent run}: the daemon. Validates config and provisioning (exit 2 when either is
 * unusable, so systemd does not restart-loop), then samples, stores and forwards until SIGTERM,
 * telling systemd READY, feeding its watchdog from the sampling loop, and STOPPING on the way out.
 */
public final class RunCommand implements Command {

  private final I2cOpener i2c;
  private final Supplier<SystemdNotify> notifier;

  /** @param notifier made once logging is set up, since it may log */
  public RunCommand(I2cOpener i2c, Supplier<SystemdNotify> notifier) {
    this.i2c = i2c;
    this.notifier = notifier;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "the daemon: samples, stores and forwards readings until stopped";
  }

  @Override
  public String usage() {
    return "  --config F  the agent config (default /etc/sensor-agent/agent.toml)\n";
  }

  @Override
  public int run(Args args) throws UsageException, IOException {
    AgentConfig config = args.loadConfig();
    Logging.configure(config.log().level());
    SystemdNotify notify = notifier.get();
    Provisioning provisioning = provisioning(config);
    Transport transport = build(() -> TransportSelection.build(provisioning, config.device(), config.mqtt()));
    ReadingQueue queue = SqliteReadingQueue.open(config.queue());
    WatchdogFeeder watchdog = new WatchdogFeeder(notify, longestRound(config), System::nanoTime);
    Agent agent =
        new Agent(config.forward(), config.log(), new SensorFactory(config.paths(), i2c, System::currentTimeMillis).schedule(config.sensors()), queue, transport,
            ClockTrust.create(config.clock().trust()), Clock.systemUTC(), watchdog::roundDone);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(notify, agent, watchdog, stopped), "shutdown"));
    agent.start();
    watchdog.start();
    notify.ready();
    releaseStartUpMemory();
    awaitQuietly(stopped);
    return ExitCode.OK;
  }

  /**
   * One full collection once start-up is done: it unloads the config parser's classes (see
   * {@code Toml}) and, with the launcher's heap free ratios, gives the start-up garbage back to the
   * OS. Left alone, the first full collection could be hours away on a heap that grows this slowly.
   * It takes milliseconds on a heap of a few MB.
   */
  private static void releaseStartUpMemory() {
    System.gc();
  }

  /** Recovers an interrupted install, then loads and checks the provisioning, all or nothing. */
  private static Provisioning provisioning(AgentConfig config) throws UsageException, IOException {
    for (String line : new ProvisioningInstaller(config.paths().provisioning()).recover()) {
      Logger.warn("provisioning: {}", line);
    }
    Provisioning provisioning = build(() -> ProvisioningLoader.load(config.paths().provisioning()));
    ValidationReport report =
        ProvisioningValidator.withoutDates(ProvisioningValidator.Samples.REFUSE)
            .validate(provisioning, ProvisioningValidator.Location.INSTALLED);
    List<String> errors = new ArrayList<>();
    for (Finding finding : report.findings()) {
      if (finding.isError()) {
        errors.add(finding.message());
      } else {
        Logger.warn("provisioning: {}", finding.message());
      }
    }
    if (!errors.isEmpty()) {
      throw new UsageException("provisioning " + provisioning.dir() + " cannot be used: " + String.join("; ", errors));
    }
    return provisioning;
  }

  private static Duration longestRound(AgentConfig config) {
    return config.sensors().stream()
        .map(sensor -> sensor.interval().plus(sensor.timeout()))
        .max(Duration::compareTo)
        .orElseThrow();
  }

  private static void stop(SystemdNotify notify, Agent agent, WatchdogFeeder watchdog, CountDownLatch stopped) {
    notify.stopping();
    watchdog.close();
    try {
      agent.close();
    } catch (IOException e) {
      Logger.error("shutdown: {}", e.getMessage());
    } finally {
      stopped.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch stopped) {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T get() throws ConfigException;
  }

  private static <T> T build(Step<T> step) throws UsageException {
    try {
      return step.get();
    } catch (ConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
