package org.sensoragent.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.queue.QueueInspector;
import org.sensoragent.agent.queue.QueueStats;

/**
 * {@code sensor-agent queue}: what waits in the queue. Reads the file read-only, so it is safe
 * beside the running agent; readings the agent has acknowledged but not yet deleted (at most a few
 * hundred) still count as waiting.
 */
public final class QueueCommand implements Command {

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public QueueCommand() {
    this(System.out, System.err, Clock.systemUTC());
  }

  QueueCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "queue";
  }

  @Override
  public String summary() {
    return "shows how many readings wait to be sent, the oldest, and how many were dropped";
  }

  @Override
  public String usage() {
    return "  --config F  the agent's config (default " + AgentConfig.DEFAULT_FILE + ")\n";
  }

  @Override
  public int run(Args args) throws UsageException {
    AgentConfig config = args.loadConfig();
    Path file = config.queue().path();
    QueueStats stats;
    try {
      stats = QueueInspector.inspect(file);
    } catch (NoSuchFileException e) {
      out.println("queue " + file + ": no queue file yet, nothing stored");
      return ExitCode.OK;
    } catch (IOException e) {
      err.println("sensor-agent queue: " + e.getMessage());
      return ExitCode.FAILURE;
    }
    out.print(report(file, stats));
    return ExitCode.OK;
  }

  String report(Path file, QueueStats stats) {
    StringBuilder text = new StringBuilder("queue " + file + "\n");
    text.append(String.format("  depth      %d readings waiting", stats.depth()));
    if (stats.waitingForClock() > 0) {
      text.append(String.format(" (%d of them wait for the clock to be trusted)", stats.waitingForClock()));
    }
    text.append('\n');
    text.append("  oldest     ").append(stats.oldest().map(this::describe).orElse("-")).append('\n');
    text.append(String.format("  dropped    %d (queue was full)%n", stats.dropped()));
    text.append(String.format("  undatable  %d (earlier boots, clock never trusted: never sent)%n", stats.undatable()));
    text.append(String.format("  on disk    %s%n", bytes(stats.bytesOnDisk())));
    return text.toString();
  }

  private String describe(Reading oldest) {
    String age = oldest.clockTrusted()
        ? age(Duration.between(oldest.time(), clock.instant())) + " ago"
        : "time not yet known";
    return String.format("%s (%s), %s %s %s, seq %d", oldest.time().truncatedTo(ChronoUnit.SECONDS), age,
        oldest.senmlName(), oldest.value(), oldest.quantity().senmlUnit(), oldest.seq());
  }

  static String age(Duration age) {
    if (age.isNegative()) {
      return "0s";
    }
    long seconds = age.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m " + (seconds % 60) + "s";
    }
    if (seconds < 86_400) {
      return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
    }
    return (seconds / 86_400) + "d " + (seconds % 86_400 / 3600) + "h";
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double value = bytes;
    String[] units = {"KiB", "MiB", "GiB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s (%d bytes)", value, units[unit], bytes);
  }
}
