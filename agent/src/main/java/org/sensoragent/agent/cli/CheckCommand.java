package org.sensoragent.agent.cli;

import org.sensoragent.agent.transport.EndpointCheck;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.ConfigException;
import org.sensoragent.agent.config.ConfigLoader;
import org.sensoragent.agent.provisioning.Finding;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.ProvisioningLoader;
import org.sensoragent.agent.provisioning.ProvisioningValidator;
import org.sensoragent.agent.provisioning.ProvisioningValidator.Location;
import org.sensoragent.agent.provisioning.ProvisioningValidator.Samples;
import org.sensoragent.agent.provisioning.ValidationReport;

/**
 * {@code sensor-agent check [--config F] [--connect]}: validates the config and the installed
 * provisioning (files, modes, chain, key match, expiry) and prints what it found. Exit 0 when all
 * is well (warnings allowed), 2 on any config or provisioning problem, 1 when {@code --connect}
 * fails. Reads only; repairs nothing (an interrupted install is repaired by the next
 * {@code provision}).
 */
public final class CheckCommand implements Command {

  /** The real handshake of {@code --connect}; runs only after validation passed. */
  @FunctionalInterface
  public interface ConnectCheck {
    /**
     * @return a report for the operator when the endpoint accepted the device
     * @throws Exception whose message is the one-line cause
     */
    String connect(AgentConfig config, Provisioning provisioning) throws Exception;
  }

  private final Clock clock;
  private final ConnectCheck connectCheck;
  private final PrintStream out;
  private final PrintStream err;

  public CheckCommand() {
    this(Clock.systemUTC(), EndpointCheck::connect, System.out, System.err);
  }

  public CheckCommand(Clock clock, ConnectCheck connectCheck, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.connectCheck = connectCheck;
    this.out = out;
    this.err = err;
  }

  @Override
  public String name() {
    return "check";
  }

  @Override
  public String summary() {
    return "validates config and provisioning (files, permissions, chain, key, expiry)";
  }

  @Override
  public Set<String> flagOptions() {
    return Set.of("--connect");
  }

  @Override
  public String usage() {
    return "  --config F  agent.toml (default " + AgentConfig.DEFAULT_FILE + ")\n"
        + "  --connect   also open a real connection to the provisioned endpoint\n";
  }

  @Override
  public int run(Args args) throws Exception {
    AgentConfig config;
    try {
      config = ConfigLoader.load(args.configFile());
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.USAGE;
    }
    out.println("config: " + config.file() + ": ok (" + config.sensors().size() + " sensor(s))");
    Path dir = config.paths().provisioning();
    Path backup = dir.resolveSibling(dir.getFileName() + ".previous");
    if (!Files.exists(dir) && Files.exists(backup)) {
      err.println("error: " + dir + ": missing while " + backup + " exists: an install was interrupted;"
          + " run sensor-agent provision again (it restores the previous provisioning first)");
      return ExitCode.USAGE;
    }
    String credentials = System.getenv("CREDENTIALS_DIRECTORY");
    ValidationReport report = new ProvisioningValidator(clock, Samples.REFUSE)
        .validate(dir, credentials == null || credentials.isEmpty() ? null : Path.of(credentials), Location.INSTALLED);
    report.facts().forEach((label, value) -> out.println(label + ": " + value));
    report.findings().forEach(err::println);
    if (report.hasErrors()) {
      err.println("provisioning " + dir + ": " + report.findings().stream().filter(Finding::isError).count() + " problem(s)");
      return ExitCode.USAGE;
    }
    out.println("provisioning: " + dir + ": ok");
    if (args.has("--connect")) {
      try {
        out.println(connectCheck.connect(config, ProvisioningLoader.load(dir)));
      } catch (Exception e) {
        err.println("error: connect: " + e.getMessage());
        return ExitCode.FAILURE;
      }
      out.println("connect: ok");
    }
    return ExitCode.OK;
  }
}
