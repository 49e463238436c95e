package org.sensoragent.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;

class JournalWriterTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final JournalWriter writer = new JournalWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  @Test
  void prefixesEachLineWithItsSyslogPriority() {
    writer.write(entry(Level.ERROR, "queue file moved aside", null));
    writer.write(entry(Level.WARN, "sensor air failing", null));
    writer.write(entry(Level.INFO, "summary", null));
    writer.write(entry(Level.DEBUG, "detail", null));

    assertEquals("<3>queue file moved aside\n<4>sensor air failing\n<6>summary\n<7>detail\n", output());
  }

  @Test
  void writesAStackTraceOnlyWhenAThrowableWasLogged() {
    writer.write(entry(Level.ERROR, "unexpected", new IllegalStateException("boom")));

    String[] lines = output().split("\n");
    assertEquals("<3>unexpected", lines[0]);
    assertTrue(lines[1].startsWith("<3>  java.lang.IllegalStateException: boom"), lines[1]);
    for (String line : lines) {
      assertTrue(line.startsWith("<3>"), "every trace line keeps the priority: " + line);
    }
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static LogEntry entry(Level level, String message, Throwable exception) {
    return new LogEntry(
        null, Thread.currentThread(), Map.of(), null, null, null, 0, null, level, message, exception);
  }
}
