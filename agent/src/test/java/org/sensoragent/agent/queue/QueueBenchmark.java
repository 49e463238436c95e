package org.sensoragent.agent.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.QueueConfig;
import org.sensoragent.drivers.Quantity;

/**
 * Prints what the queue costs on this machine: readings appended per second, bytes written to
 * disk per reading (the kernel's {@code write_bytes} for this process, which counts every 4 KiB
 * page dirtied, WAL and checkpoints included), and readings drained per second by peek+remove as a
 * transport that acknowledges at once would. Asserts nothing; run it with {@code -Pbench}.
 */
class QueueBenchmark {

  /** The Forwarder's default {@code [forward] batch}. */
  private static final int DRAIN_BATCH = 5_000;
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;

  @Test
  void appendAndDrain() throws IOException {
    System.out.printf(Locale.ROOT, "queue benchmark in %s (page %d B, wal_autocheckpoint %d pages, %d cores)%n",
        dir, QueueConnection.PAGE_SIZE, QueueConnection.WAL_AUTOCHECKPOINT_PAGES,
        Runtime.getRuntime().availableProcessors());
    run("full", 3, 3000);
    run("full", 1, 2000);
    run("full", 10, 1000);
    run("full", 100, 1000); // a backlog: 100,000 readings to drain
    run("normal", 3, 3000);
  }

  private void run(String synchronous, int perRound, int rounds) throws IOException {
    Path file = dir.resolve("queue-" + synchronous + "-" + perRound + ".db");
    QueueConfig config = new QueueConfig(file, 10_000_000, 1L << 30, synchronous);
    try (SqliteReadingQueue queue = SqliteReadingQueue.open(config, "bench-boot", Clock.systemUTC())) {
      queue.append(round(-1, perRound)); // schema and first pages are not what we measure
      long bytes = writeBytes();
      long start = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        queue.append(round(r, perRound));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long readings = (long) rounds * perRound;
      long written = writeBytes() - bytes;
      System.out.printf(Locale.ROOT,
          "append  synchronous=%-6s %2d readings/round: %8.0f readings/s  %6.1f ms/round  %6.0f bytes written/reading"
              + " (floor with an fsync per round: one 4 KiB page, %d)%n",
          synchronous, perRound, readings / seconds, seconds * 1000 / rounds, (double) written / readings,
          4096 / perRound);

      bytes = writeBytes();
      start = System.nanoTime();
      long drained = 0;
      long peekNanos = 0;
      long removeNanos = 0;
      while (true) {
        long t0 = System.nanoTime();
        List<Reading> batch = queue.peek(DRAIN_BATCH);
        long t1 = System.nanoTime();
        peekNanos += t1 - t0;
        if (batch.isEmpty()) {
          break;
        }
        queue.remove(batch); // a transport that acknowledges at once
        removeNanos += System.nanoTime() - t1;
        drained += batch.size();
      }
      System.out.printf(Locale.ROOT, "        peek %.2f us/reading, remove %.2f us/reading%n", peekNanos / 1e3 / drained,
          removeNanos / 1e3 / drained);
      queue.flush();
      seconds = (System.nanoTime() - start) / 1e9;
      written = writeBytes() - bytes;
      System.out.printf(Locale.ROOT,
          "drain   synchronous=%-6s batches of %5d: %8.0f readings/s  %6.0f bytes written/reading (%d drained)%n",
          synchronous, DRAIN_BATCH, drained / seconds, (double) written / drained, drained);
    }
    System.out.printf(Locale.ROOT, "        file %d bytes after draining (free pages are kept for reuse)%n", Files.size(file));
  }

  private static List<Reading> round(int round, int perRound) {
    List<Reading> readings = new ArrayList<>(perRound);
    for (int i = 0; i < perRound; i++) {
      readings.add(Reading.of("sensor" + i, Quantity.TEMPERATURE, 21.0 + i, T0.plusSeconds(10L * round)));
    }
    return readings;
  }

  /** Bytes this process caused to be written to storage so far, or -1 where the kernel does not say. */
  private static long writeBytes() throws IOException {
    Path io = Path.of("/proc/self/io");
    if (!Files.isReadable(io)) {
      return -1;
    }
    for (String line : Files.readAllLines(io)) {
      if (line.startsWith("write_bytes:")) {
        return Long.parseLong(line.substring("write_bytes:".length()).trim());
      }
    }
    return -1;
  }
}
