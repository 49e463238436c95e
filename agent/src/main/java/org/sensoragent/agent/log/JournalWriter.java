package org.sensoragent.agent.log;

import java.io.PrintStream;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;
import org.tinylog.writers.Writer;

/**
 * Writes one line per event to standard output, prefixed with the syslog priority ({@code <3>}
 * error … {@code <7>} debug) that journald turns into the entry's priority, so
 * {@code journalctl -p warning} works. No timestamp: journald adds its own. A stack trace is
 * written only when the code logged a throwable, which it does for unexpected failures alone.
 */
public final class JournalWriter implements Writer {

  private final PrintStream out;

  /** Called by tinylog with the writer's properties; none are needed. */
  public JournalWriter(Map<String, String> properties) {
    this(System.out);
  }

  JournalWriter(PrintStream out) {
    this.out = out;
  }

  @Override
  public Collection<LogEntryValue> getRequiredLogEntryValues() {
    return EnumSet.of(LogEntryValue.LEVEL, LogEntryValue.MESSAGE, LogEntryValue.EXCEPTION);
  }

  @Override
  public void write(LogEntry entry) {
    StringBuilder line = new StringBuilder(128).append('<').append(priority(entry.getLevel())).append('>');
    if (entry.getMessage() != null) {
      line.append(entry.getMessage());
    }
    Throwable exception = entry.getException();
    synchronized (out) {
      out.println(line);
      if (exception != null) {
        // journald reads each line as its own entry; keep the trace at the entry's priority
        for (String traceLine : stackTrace(exception).split("\n")) {
          out.println("<" + priority(entry.getLevel()) + ">  " + traceLine.stripTrailing());
        }
      }
    }
  }

  static int priority(Level level) {
    return switch (level) {
      case ERROR -> 3;
      case WARN -> 4;
      case INFO -> 6;
      default -> 7;
    };
  }

  private static String stackTrace(Throwable exception) {
    java.io.StringWriter text = new java.io.StringWriter();
    exception.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
