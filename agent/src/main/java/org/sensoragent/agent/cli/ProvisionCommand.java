package org.sensoragent.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.provisioning.Finding;
import org.sensoragent.agent.provisioning.Provisioner;

/**
 * {@code sensor-agent provision --from DIR [--config F] [--csr-out DIR]}: validates a bundle whole
 * and installs it atomically into {@code [paths] provisioning} ({@link Provisioner}). Prints what
 * it installed, never a secret; on a bad bundle prints one line per problem on standard error,
 * leaves the installed provisioning untouched and exits 2; on an I/O failure exits 1.
 */
public final class ProvisionCommand implements Command {

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  public ProvisionCommand() {
    this(Clock.systemUTC(), System.out, System.err);
  }

  public ProvisionCommand(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  @Override
  public String name() {
    return "provision";
  }

  @Override
  public String summary() {
    return "validates a provisioning bundle and installs it atomically";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("--from", "--config", "--csr-out");
  }

  @Override
  public String usage() {
    return "  --from DIR     the bundle folder (on a stick: <stick>/sensor-agent)\n"
        + "  --config F     agent.toml naming [paths] provisioning (default " + AgentConfig.DEFAULT_FILE
        + "; without it, /etc/sensor-agent/provisioning)\n"
        + "  --csr-out DIR  where a CSR request writes <device>.csr (default: sensor-agent-csr beside --from)\n";
  }

  @Override
  public int run(Args args) throws UsageException {
    if (!args.has("--from")) {
      throw new UsageException("--from DIR is required (the bundle folder)");
    }
    Path from = Path.of(args.value("--from", "")).toAbsolutePath().normalize();
    Path csrOut = args.has("--csr-out") ? Path.of(args.value("--csr-out", ""))
        : from.resolveSibling("sensor-agent-csr");
    Path target = provisioningDir(args);
    Provisioner.Outcome outcome;
    try {
      outcome = new Provisioner(target, clock).provision(from, csrOut);
    } catch (IOException e) {
      err.println("error: " + target + ": install failed, the previous provisioning is kept: " + e.getMessage());
      return ExitCode.FAILURE;
    }
    outcome.lines().forEach(out::println);
    for (Finding finding : outcome.findings()) {
      err.println(finding);
    }
    if (outcome.result() == Provisioner.Result.REFUSED) {
      err.println("refused " + from + ": " + outcome.findings().stream().filter(Finding::isError).count()
          + " problem(s); " + target + " is unchanged");
      return ExitCode.USAGE;
    }
    return ExitCode.OK;
  }

  /**
   * {@code [paths] provisioning} of {@code --config}, or of the installed agent.toml when it
   * exists; else the default directory (a device provisioned before its config is written).
   */
  static Path provisioningDir(Args args) throws UsageException {
    Path file = args.configFile();
    if (!args.has("--config") && !Files.exists(file)) {
      return Path.of("/etc/sensor-agent/provisioning");
    }
    return args.loadConfig().paths().provisioning();
  }
}
