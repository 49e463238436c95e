package org.sensoragent.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sensoragent.agent.queue.ReadingQueueContract.T0;
import static org.sensoragent.agent.queue.ReadingQueueContract.round;
import static org.sensoragent.agent.queue.ReadingQueueContract.seqs;
import static org.sensoragent.agent.queue.ReadingQueueContract.untrusted;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.QueueConfig;
import org.sensoragent.agent.fakes.CaptureWriter;

/** What only the SQLite queue does: bounds, persistence across opens, boots, broken files. */
class SqliteReadingQueueTest {

  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  Path file() {
    return dir.resolve("queue.db");
  }

  SqliteReadingQueue open(long maxReadings, long maxBytes, String boot) throws IOException {
    return SqliteReadingQueue.open(new QueueConfig(file(), maxReadings, maxBytes, "full"), boot, CLOCK);
  }

  SqliteReadingQueue open() throws IOException {
    return open(1_000_000, 128L << 20, "boot-1");
  }

  @Test
  void whenFullByCountTheOldestAreDroppedAndCountedAcrossReopen() throws IOException {
    List<Reading> stored = new ArrayList<>();
    try (SqliteReadingQueue queue = open(30, 128L << 20, "boot-1")) {
      for (int r = 0; r < 37; r++) {
        stored.addAll(queue.append(round(r, 1)));
      }
      assertEquals(stored.subList(7, 37), queue.peek(100), "the 7 oldest went");
      assertEquals(7, queue.stats().dropped());
      assertEquals(30, queue.stats().depth());
      assertEquals(1, queue.overflowEpisodes(), "one WARN, not one per round");
    }
    try (SqliteReadingQueue queue = open(30, 128L << 20, "boot-1")) {
      assertEquals(7, queue.stats().dropped(), "the count is on disk");
      assertEquals(stored.subList(7, 37), queue.peek(100));
    }
  }

  @Test
  void anOverflowAfterTheQueueDrainedIsANewEpisode() throws IOException {
    try (SqliteReadingQueue queue = open(10, 128L << 20, "boot-1")) {
      for (int r = 0; r < 12; r++) {
        queue.append(round(r, 1));
      }
      queue.remove(queue.peek(100));
      queue.flush();
      for (int r = 12; r < 24; r++) {
        queue.append(round(r, 1)); // the first of these fits: the first episode is over
      }
      assertEquals(2, queue.overflowEpisodes());
      assertEquals(4, queue.stats().dropped());
    }
  }

  @Test
  void whenFullAcknowledgedReadingsMakeRoomBeforeAnyIsDropped() throws IOException {
    try (SqliteReadingQueue queue = open(9, 128L << 20, "boot-1")) {
      List<Reading> backlog = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        backlog.addAll(queue.append(round(r, 3)));
      }
      List<Reading> live = queue.append(round(2, 3));
      queue.remove(live); // acknowledged, not yet deleted: still on disk

      List<Reading> next = queue.append(round(3, 3));

      assertEquals(0, queue.stats().dropped());
      List<Reading> expected = new ArrayList<>(backlog);
      expected.addAll(next);
      assertEquals(expected, queue.peek(100));
    }
  }

  @Test
  void whenFullByBytesTheOldestAreDroppedAndTheFileStaysWithinAboutAPage() throws Exception {
    long maxBytes = 48 * 1024;
    List<Reading> stored = new ArrayList<>();
    try (SqliteReadingQueue queue = open(1_000_000, maxBytes, "boot-1")) {
      for (int r = 0; r < 1000; r++) {
        stored.addAll(queue.append(round(r, 3)));
        assertTrue(queue.usedBytes() <= maxBytes + 2 * QueueConnection.PAGE_SIZE,
            "round " + r + ": " + queue.usedBytes() + " bytes in use");
      }
      QueueStats stats = queue.stats();
      assertTrue(stats.dropped() > 0);
      assertEquals(1, queue.overflowEpisodes(), "whole pages are freed at a time, yet it is one episode");
      assertEquals(stored.size(), stats.dropped() + stats.depth(), "every reading is either queued or counted");
      List<Reading> left = queue.peek(1_000_000);
      assertEquals(stored.subList(stored.size() - left.size(), stored.size()), left, "the newest are kept");
    }
  }

  @Test
  void sequenceNumbersAreNeverReusedAfterEverythingWasRemoved() throws IOException {
    long highest;
    try (SqliteReadingQueue queue = open()) {
      List<Reading> stored = queue.append(round(0, 3));
      highest = stored.get(2).seq();
      queue.remove(stored);
    } // close deletes them from disk
    try (SqliteReadingQueue queue = open()) {
      assertEquals(0, queue.stats().depth());
      assertTrue(queue.append(round(1, 1)).get(0).seq() > highest);
    }
  }

  @Test
  void sequenceNumbersAreNeverReusedAfterTheNewestWasAcknowledgedFirst() throws IOException {
    long highest;
    List<Reading> backlog;
    try (SqliteReadingQueue queue = open()) {
      backlog = queue.append(round(0, 3));
      List<Reading> live = queue.append(round(1, 3));
      highest = live.get(2).seq();
      queue.remove(live);
    }
    try (SqliteReadingQueue queue = open()) {
      assertEquals(backlog, queue.peek(10));
      assertTrue(queue.append(round(2, 1)).get(0).seq() > highest);
    }
  }

  @Test
  void acknowledgingReadingsAlreadyDeletedOrDroppedLeavesTheCountsExact() throws IOException {
    try (SqliteReadingQueue queue = open(6, 128L << 20, "boot-1")) {
      List<Reading> first = queue.append(round(0, 3));
      queue.remove(first.subList(0, 1));
      queue.flush();
      List<Reading> second = queue.append(round(1, 3));
      queue.append(round(2, 3)); // full: drops the two oldest, first[1] and first[2]

      queue.remove(first); // one deleted by us, two dropped: none of them is a row any more
      assertEquals(6, queue.stats().depth());
      queue.flush();
      assertEquals(6, queue.stats().depth());
      assertEquals(6, QueueInspector.inspect(file(), "boot-1").depth());

      queue.remove(second.subList(0, 1));
      assertEquals(5, queue.stats().depth(), "acknowledged, not yet deleted, is no longer queued");
      queue.append(round(3, 1)); // full again: the acknowledged row makes the room
      assertEquals(2, queue.stats().dropped());
      assertEquals(6, queue.stats().depth());
    }
  }

  @Test
  void acknowledgementsAreDeletedInBulkAndACrashBeforeThatOnlyResends() throws IOException {
    try (SqliteReadingQueue queue = open()) {
      List<Reading> stored = new ArrayList<>();
      for (int r = 0; stored.size() < SqliteReadingQueue.ACKS_PER_DELETE + 10; r++) {
        stored.addAll(queue.append(round(r, 3)));
      }
      queue.remove(stored.subList(0, 10));
      assertEquals(stored.size(), QueueInspector.inspect(file(), "boot-1").depth(), "not yet deleted on disk");

      queue.remove(stored.subList(10, SqliteReadingQueue.ACKS_PER_DELETE));
      assertEquals(stored.size() - SqliteReadingQueue.ACKS_PER_DELETE,
          QueueInspector.inspect(file(), "boot-1").depth(), "deleted once enough gathered");

      queue.remove(stored.subList(SqliteReadingQueue.ACKS_PER_DELETE, SqliteReadingQueue.ACKS_PER_DELETE + 3));
      // a second opener sees what a restart after kill -9 would see: those 3 come back, to be re-sent
      try (SqliteReadingQueue afterCrash = open()) {
        assertEquals(stored.subList(SqliteReadingQueue.ACKS_PER_DELETE, stored.size()), afterCrash.peek(100));
      }
      queue.flush();
      assertEquals(7, QueueInspector.inspect(file(), "boot-1").depth());
    }
  }

  @Test
  void untrustedReadingsOfAnEarlierBootAreHeldBackAndCountedAsUndatable() throws IOException {
    List<Reading> trusted;
    try (SqliteReadingQueue queue = open(1_000_000, 128L << 20, "boot-1")) {
      queue.append(List.of(untrusted("a", 1_000_000_000L), untrusted("b", 2_000_000_000L)));
      trusted = queue.append(round(1, 1));
    } // the clock was never trusted in boot-1
    try (SqliteReadingQueue queue = open(1_000_000, 128L << 20, "boot-2")) {
      assertEquals(2, queue.stats().undatable());
      assertEquals(0, queue.restamp(T0.toEpochMilli()), "boot-2's clock says nothing about boot-1's readings");
      List<Reading> mine = queue.append(List.of(untrusted("a", 3_000_000_000L)));
      assertEquals(1, queue.stats().waitingForClock());

      assertEquals(1, queue.restamp(T0.toEpochMilli()));

      List<Reading> peeked = queue.peek(10);
      assertEquals(List.of(trusted.get(0).seq(), mine.get(0).seq()), seqs(peeked));
      assertEquals(T0.plusSeconds(3), peeked.get(1).time());
      QueueStats stats = queue.stats();
      assertEquals(2, stats.undatable());
      assertEquals(0, stats.waitingForClock());
      assertEquals(4, stats.depth(), "held back, not deleted");
    }
  }

  @Test
  void untrustedReadingsOfAnEarlierProcessInTheSameBootAreRestamped() throws IOException {
    try (SqliteReadingQueue queue = open()) {
      queue.append(List.of(untrusted("a", 7_000_000_000L)));
    } // the agent restarted before NTP answered; the boot, and so nanoTime, is the same
    try (SqliteReadingQueue queue = open()) {
      assertEquals(1, queue.restamp(T0.toEpochMilli()));
      assertEquals(T0.plusSeconds(7), queue.peek(1).get(0).time());
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAndAFreshQueueWorks() throws IOException {
    byte[] garbage = "this is not an SQLite file, it is a shopping list: milk, eggs".repeat(100)
        .getBytes(StandardCharsets.US_ASCII);
    Files.write(file(), garbage);

    try (SqliteReadingQueue queue = open()) {
      List<Reading> stored = queue.append(round(0, 2));
      assertEquals(stored, queue.peek(10));
    }
    Path aside = dir.resolve("queue.db.corrupt-20261126T100000Z");
    assertArrayEquals(garbage, Files.readAllBytes(aside), "kept as it was, for a post-mortem");
  }

  @Test
  void anotherApplicationsDatabaseIsMovedAside() throws Exception {
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = other.createStatement()) {
      statement.executeUpdate("CREATE TABLE contacts (name TEXT)");
    }
    try (SqliteReadingQueue queue = open()) {
      assertEquals(List.of(), queue.peek(10));
      queue.append(round(0, 1));
    }
    assertTrue(Files.exists(dir.resolve("queue.db.corrupt-20261126T100000Z")));
  }

  @Test
  void aQueueOfTheFormerFormatIsMovedAsideWithOneClearLine() throws Exception {
    // version 1 held sensor and quantity as TEXT in every row; pre-release, so it is not migrated
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = old.createStatement()) {
      statement.executeUpdate("CREATE TABLE reading (seq INTEGER PRIMARY KEY, sensor TEXT NOT NULL,"
          + " quantity TEXT NOT NULL, value REAL NOT NULL, time_ms INTEGER NOT NULL,"
          + " clock_trusted INTEGER NOT NULL, monotonic_nanos INTEGER NOT NULL, boot INTEGER NOT NULL)");
      statement.executeUpdate("INSERT INTO reading VALUES (1, 's0', 'temperature', 21.5, 0, 1, 0, 1)");
      statement.executeUpdate("PRAGMA application_id = " + QueueSchema.APPLICATION_ID);
      statement.executeUpdate("PRAGMA user_version = 1");
    }
    try (SqliteReadingQueue queue = open()) {
      assertEquals(List.of(), queue.peek(10));
      List<Reading> stored = queue.append(round(0, 2));
      assertEquals(stored, queue.peek(10));
    }
    assertTrue(Files.exists(dir.resolve("queue.db.corrupt-20261126T100000Z")));
    List<String> lines = CaptureWriter.lines(file().toString());
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("ERROR") && lines.get(0).contains("user_version 1"), lines.get(0));
  }

  @Test
  void aMalformedQueueIsMovedAsideAtOpen() throws IOException {
    try (SqliteReadingQueue queue = open()) {
      for (int r = 0; r < 200; r++) {
        queue.append(round(r, 3));
      }
    }
    long size = Files.size(file());
    try (RandomAccessFile raw = new RandomAccessFile(file().toFile(), "rw")) {
      // scribble over the table's pages, leaving page 1 (header and schema) intact
      byte[] scribble = new byte[(int) (size / 2)];
      java.util.Arrays.fill(scribble, (byte) 0x5A);
      raw.seek(size / 4 / QueueConnection.PAGE_SIZE * QueueConnection.PAGE_SIZE);
      raw.write(scribble);
    }

    try (SqliteReadingQueue queue = open()) {
      assertEquals(0, queue.stats().depth());
      assertEquals(1, queue.append(round(0, 1)).size());
    }
    assertTrue(Files.exists(dir.resolve("queue.db.corrupt-20261126T100000Z")));
  }

  /** SQLite's max_page_count stands in for a full disk: both end in SQLITE_FULL. */
  @Test
  void aFullDiskFailsTheRoundClearlyAndKeepsWhatWasStored() throws Exception {
    try (SqliteReadingQueue queue = open()) {
      List<Reading> stored = new ArrayList<>(queue.append(round(0, 3)));
      long pages = queue.usedBytes() / QueueConnection.PAGE_SIZE;
      queue.pragmaForTest("max_page_count = " + pages);

      IOException full = null;
      for (int r = 1; r < 1000 && full == null; r++) {
        try {
          stored.addAll(queue.append(round(r, 3)));
        } catch (IOException e) {
          full = e;
        }
      }
      assertTrue(full != null, "the page limit was never reached");
      assertTrue(full.getMessage().contains("disk full") && full.getMessage().contains(file().toString()),
          full.getMessage());
      assertEquals(stored, queue.peek(10_000), "nothing stored before is lost");

      queue.pragmaForTest("max_page_count = 1000000");
      Reading next = queue.append(round(1000, 1)).get(0);
      assertEquals(stored.get(stored.size() - 1).seq() + 1, next.seq(), "the failed round used no numbers");
    }
  }

  @Test
  void statsTellDepthOldestAndSize() throws IOException {
    try (SqliteReadingQueue queue = open()) {
      assertEquals(0, queue.stats().depth());
      assertFalse(queue.stats().oldest().isPresent());
      List<Reading> stored = queue.append(round(0, 3));
      queue.remove(stored.subList(0, 1));

      QueueStats stats = queue.stats();
      assertEquals(2, stats.depth());
      assertEquals(stored.get(1), stats.oldest().orElseThrow());
      assertTrue(stats.bytesOnDisk() > 0);
    }
  }

  @Test
  void readingsKeepTheirTimeToTheMillisecond() throws IOException {
    try (SqliteReadingQueue queue = open()) {
      Instant precise = Instant.parse("2026-11-26T10:00:00.123456789Z");
      Reading stored = queue.append(List.of(Reading.of("air", org.sensoragent.drivers.Quantity.HUMIDITY, 41.5, precise)))
          .get(0);
      assertEquals(Instant.parse("2026-11-26T10:00:00.123Z"), stored.time());
      assertEquals(List.of(stored), queue.peek(1), "what append returned is what peek returns");
    }
  }

  @Test
  void theInspectorNeverCreatesAFile() {
    assertThrows(java.nio.file.NoSuchFileException.class, () -> QueueInspector.inspect(file(), "boot-1"));
    assertFalse(Files.exists(file()));
  }

  @Test
  void theInspectorReadsBesideARunningQueueAndAfterItClosed() throws IOException, SQLException {
    try (SqliteReadingQueue queue = open()) {
      queue.append(round(0, 3));
      QueueStats beside = QueueInspector.inspect(file(), "boot-1");
      assertEquals(3, beside.depth());
      queue.append(round(1, 3));
      assertEquals(6, QueueInspector.inspect(file(), "boot-1").depth());
    }
    assertEquals(6, QueueInspector.inspect(file(), "boot-1").depth());
  }
}
