package org.sensoragent.agent.cli;

import java.io.PrintStream;
import java.util.List;
import org.sensoragent.agent.log.Logging;
import org.tinylog.Logger;

/**
 * Picks the command named by the first word and runs it; prints help and usage errors; turns
 * failures into exit codes. A usage or config error is one line on standard error, no stack trace.
 */
public final class CommandLine {

  private final List<Command> commands;
  private final PrintStream out;
  private final PrintStream err;

  public CommandLine(List<Command> commands) {
    this(commands, System.out, System.err);
  }

  CommandLine(List<Command> commands, PrintStream out, PrintStream err) {
    this.commands = commands;
    this.out = out;
    this.err = err;
  }

  public int run(List<String> argv) {
    if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
      out.print(overview());
      return argv.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
    }
    Command command = commands.stream().filter(c -> c.name().equals(argv.get(0))).findFirst().orElse(null);
    if (command == null) {
      err.println("sensor-agent: unknown command \"" + argv.get(0) + "\"; try sensor-agent --help");
      return ExitCode.USAGE;
    }
    List<String> rest = argv.subList(1, argv.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      out.print(help(command));
      return ExitCode.OK;
    }
    // the journal writer at info until a command sets its configured level (before it logs)
    Logging.configure("info");
    try {
      return command.run(Args.parse(rest, command.valueOptions(), command.flagOptions()));
    } catch (UsageException e) {
      // under systemd, stderr is the journal: mark the line as an error so `-p err` shows it
      String priority = System.getenv("JOURNAL_STREAM") == null ? "" : "<3>";
      err.println(priority + "sensor-agent " + command.name() + ": " + e.getMessage());
      return ExitCode.USAGE;
    } catch (Exception e) {
      Logger.error(e, "sensor-agent {}: unexpected failure: {}", command.name(), e);
      return ExitCode.FAILURE;
    }
  }

  String overview() {
    StringBuilder text = new StringBuilder("usage: sensor-agent <command> [options]\n\ncommands:\n");
    for (Command command : commands) {
      text.append(String.format("  %-10s %s%n", command.name(), command.summary()));
    }
    return text.append("\nsensor-agent <command> --help shows a command's options.\n")
        .append("Exit codes: 0 ok, 1 runtime failure, 2 usage or config error.\n")
        .toString();
  }

  private static String help(Command command) {
    return "usage: sensor-agent " + command.name() + " [options]\n" + command.summary() + "\n\noptions:\n"
        + command.usage() + "  --help      this text\n";
  }
}
