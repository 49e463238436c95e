package org.sensoragent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.QueueConfig;
import org.sensoragent.agent.queue.SqliteReadingQueue;
import org.sensoragent.drivers.Quantity;

class QueueCommandTest {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Path queueFile() {
    return dir.resolve("state/queue.db");
  }

  int run(String toml) throws Exception {
    Path config = dir.resolve("agent.toml");
    Files.writeString(config, toml);
    QueueCommand command = new QueueCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(T0.plus(Duration.ofMinutes(90)), ZoneOffset.UTC));
    return command.run(Args.parse(List.of("--config", config.toString()), command.valueOptions(), command.flagOptions()));
  }

  String config() {
    return "[[sensor]]\nname = \"air\"\ntype = \"simulated\"\n\n[queue]\npath = \"" + queueFile() + "\"\n";
  }

  @Test
  void showsDepthOldestAndDroppedBesideARunningQueue() throws Exception {
    QueueConfig small = new QueueConfig(queueFile(), 5, 1L << 30, "full");
    try (SqliteReadingQueue running = SqliteReadingQueue.open(small, "boot-1", Clock.systemUTC())) {
      for (int r = 0; r < 7; r++) {
        running.append(List.of(Reading.of("air", Quantity.TEMPERATURE, 21.5 + r, T0.plusSeconds(10L * r))));
      }

      assertEquals(ExitCode.OK, run(config()));

      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("depth      5 readings waiting"), text);
      assertTrue(text.contains("oldest     2026-11-26T10:00:20Z (1h 29m ago), air/temperature 23.5 Cel, seq 3"), text);
      assertTrue(text.contains("dropped    2 (queue was full)"), text);
      assertTrue(text.contains("undatable  0"), text);
      assertTrue(text.contains("on disk    "), text);
      assertEquals(3, running.peek(1).get(0).seq(), "the running queue is undisturbed");
    }
  }

  @Test
  void aMissingQueueIsReportedAndNotCreated() throws Exception {
    assertEquals(ExitCode.OK, run(config()));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("no queue file yet"));
    assertFalse(Files.exists(queueFile()));
  }

  @Test
  void aCorruptQueueIsAFailureAndIsLeftWhereItIs() throws Exception {
    Files.createDirectories(queueFile().getParent());
    Files.writeString(queueFile(), "not a database ".repeat(200));

    assertEquals(ExitCode.FAILURE, run(config()));

    assertTrue(err.toString(StandardCharsets.UTF_8).contains(queueFile().toString()), err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(queueFile()), "moving it aside is the agent's job, not the command's");
  }

  @Test
  void aBrokenConfigIsAUsageError() {
    UsageException e = assertThrows(UsageException.class, () -> run(config() + "colour = \"blue\"\n"));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  void agesAndSizesReadLikeAPerson() {
    assertEquals("45s", QueueCommand.age(Duration.ofSeconds(45)));
    assertEquals("3h 12m", QueueCommand.age(Duration.ofMinutes(192)));
    assertEquals("2d 1h", QueueCommand.age(Duration.ofHours(49)));
    assertEquals("512 bytes", QueueCommand.bytes(512));
    assertEquals("1.5 MiB (1572864 bytes)", QueueCommand.bytes(1_572_864));
  }

  @Test
  void acceptsOnlyConfig() {
    assertEquals(Set.of("--config"), new QueueCommand().valueOptions());
  }
}
