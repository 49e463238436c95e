package org.sensoragent.agent.cli;

import java.util.Set;

/** One {@code sensor-agent <command>}. */
public interface Command {

  /** The word typed after {@code sensor-agent}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** Options that take a value; {@code --config} unless the command says otherwise. */
  default Set<String> valueOptions() {
    return Set.of("--config");
  }

  /** Options that stand alone, such as {@code --connect}. */
  default Set<String> flagOptions() {
    return Set.of();
  }

  /** The options, one per line, for {@code --help}. */
  String usage();

  /**
   * Runs the command with its own arguments.
   *
   * @return the exit code: {@link ExitCode#OK}, {@link ExitCode#FAILURE} or {@link ExitCode#USAGE}
   * @throws UsageException for a bad option or a broken config: exit 2, no stack trace
   */
  int run(Args args) throws Exception;
}
