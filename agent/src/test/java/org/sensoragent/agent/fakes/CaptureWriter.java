package org.sensoragent.agent.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;
import org.tinylog.writers.Writer;

/**
 * A tinylog writer ({@code writer = capture} in tinylog-test.properties) that keeps every line as
 * {@code "WARN message"}, plus {@code " [trace]"} when a throwable was logged, for tests to inspect.
 */
public final class CaptureWriter implements Writer {

  private static final List<String> LINES = new ArrayList<>();

  public CaptureWriter(Map<String, String> properties) {}

  /** Forgets what was captured so far. */
  public static void clear() {
    synchronized (LINES) {
      LINES.clear();
    }
  }

  /** Captured lines containing {@code text}. */
  public static List<String> lines(String text) {
    synchronized (LINES) {
      return LINES.stream().filter(line -> line.contains(text)).toList();
    }
  }

  /** Waits (up to 10 s, then fails) until a line matching {@code match} was logged; returns it. */
  public static String await(Predicate<String> match) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    synchronized (LINES) {
      while (true) {
        for (String line : LINES) {
          if (match.test(line)) {
            return line;
          }
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new AssertionError("no such log line; captured: " + LINES);
        }
        LINES.wait(left);
      }
    }
  }

  @Override
  public Collection<LogEntryValue> getRequiredLogEntryValues() {
    return EnumSet.of(LogEntryValue.LEVEL, LogEntryValue.MESSAGE, LogEntryValue.EXCEPTION);
  }

  @Override
  public void write(LogEntry entry) {
    String line = entry.getLevel() + " " + entry.getMessage() + (entry.getException() != null ? " [trace]" : "");
    synchronized (LINES) {
      LINES.add(line);
      LINES.notifyAll();
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
