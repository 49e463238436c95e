package org.sensoragent.agent.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.QueueConfig;

/**
 * A real crash: a child JVM appends rounds, and is killed with SIGKILL
 * ({@link ProcessHandle#destroyForcibly()} on Linux) at random points, several times over the same file.
 * After each kill the file is reopened: every reading the child was told is stored is there once,
 * in order, with its contents. This proves the transaction logic; it does not cut the power, so
 * the OS page cache survives and fsync is not tested here.
 */
class QueueCrashTest {

  private static final int KILLS = 8;

  @TempDir Path dir;

  @Test
  void everyReadingReportedStoredSurvivesKillMinus9ExactlyOnceAndInOrder() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path file = dir.resolve("queue.db");
    Map<Long, Long> roundOfSeq = new HashMap<>(); // every seq reported stored, and its round
    Set<Long> acked = new HashSet<>(); // reported acknowledged: may be deleted, or come back
    long nextRound = 0;

    for (int kill = 0; kill < KILLS; kill++) {
      int linesBeforeKill = 1 + random.nextInt(300);
      String context = "seed " + seed + ", kill " + kill + " after " + linesBeforeKill + " lines";
      long lastReported = runAndKill(file, nextRound, linesBeforeKill, roundOfSeq, acked, context);

      List<Reading> left;
      try (SqliteReadingQueue queue = open(file)) {
        left = queue.peek(Integer.MAX_VALUE);
      }
      Set<Long> present = new HashSet<>();
      Set<Long> rounds = new HashSet<>();
      long previousSeq = 0;
      for (Reading reading : left) {
        long round = (long) reading.value();
        assertTrue(reading.seq() > previousSeq, context + ": out of order at " + reading);
        previousSeq = reading.seq();
        assertEquals(QueueCrashChild.round(round).get(Integer.parseInt(reading.sensor().substring(1)))
            .withSeq(reading.seq()), reading, context + ": contents");
        Long reportedRound = roundOfSeq.get(reading.seq());
        // a round committed as the kill came was stored without being reported: allowed, once
        assertTrue(reportedRound == null ? round > lastReported : reportedRound == round,
            context + ": " + reading + " was never stored under that number");
        if (reading.sensor().equals("s0")) {
          assertTrue(rounds.add(round), context + ": round " + round + " twice");
        }
        present.add(reading.seq());
      }
      for (long seq : roundOfSeq.keySet()) {
        assertTrue(present.contains(seq) || acked.contains(seq), context + ": reading " + seq + " was lost");
      }
      // what survived unreported is stored now, and must stay so through the next kills
      left.forEach(reading -> roundOfSeq.putIfAbsent(reading.seq(), (long) reading.value()));
      nextRound = Math.max(lastReported, rounds.stream().mapToLong(Long::longValue).max().orElse(0)) + 1;
    }
    assertTrue(roundOfSeq.size() >= KILLS * QueueCrashChild.READINGS_PER_ROUND, "the child stored next to nothing");
  }

  /** Runs a child from {@code firstRound}, kills it after it printed {@code lines} lines; returns its last round. */
  private long runAndKill(Path file, long firstRound, int lines, Map<Long, Long> roundOfSeq, Set<Long> acked,
      String context) throws IOException, InterruptedException {
    Path stderr = dir.resolve("child-" + firstRound + ".err");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.sqlite.tmpdir=" + dir, // a killed JVM leaves its extracted native library behind
        QueueCrashChild.class.getName(), file.toString(), Long.toString(firstRound))
        .redirectError(stderr.toFile())
        .start();
    long lastRound = firstRound - 1;
    int read = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        String[] words = line.split(" ");
        if (words[0].equals("STORED")) {
          lastRound = Long.parseLong(words[1]);
          for (int i = 2; i < words.length; i++) {
            roundOfSeq.put(Long.parseLong(words[i]), lastRound);
          }
        } else if (words[0].equals("ACKED")) {
          for (int i = 1; i < words.length; i++) {
            acked.add(Long.parseLong(words[i]));
          }
        } else {
          continue;
        }
        if (++read == lines) {
          // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
          // pipe, losing lines the child printed (so was told "stored") just before it died
          child.toHandle().destroyForcibly();
        }
      }
    }
    child.waitFor();
    assertTrue(read >= lines, context + ": the child died by itself: " + Files.readString(stderr));
    return lastRound;
  }

  private static SqliteReadingQueue open(Path file) throws IOException {
    return SqliteReadingQueue.open(new QueueConfig(file, 1_000_000, 1L << 30, "full"), "crash-test-boot",
        Clock.systemUTC());
  }
}
