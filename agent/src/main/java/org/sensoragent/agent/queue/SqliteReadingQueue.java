package org.sensoragent.agent.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.sensoragent.agent.Reading;
import org.sensoragent.agent.config.QueueConfig;
import org.tinylog.Logger;

/**
 * The agent's {@link ReadingQueue}: one SQLite file in WAL mode (schema in {@link QueueSchema}).
 *
 * <p>Guarantees: when {@link #append} returns, the round is committed in one transaction and
 * survives {@code kill -9}; with {@code synchronous = "full"} it also survives power loss, as far
 * as the storage honours fsync (cheap SD cards may not). Sequence numbers rise and are never
 * reused, across restarts too. {@link #peek} returns readings oldest first.
 *
 * <p>Limits: acknowledgements live in memory until {@value #ACKS_PER_DELETE} have gathered (or
 * {@link #flush}, {@link #close}), so a crash re-sends up to that many acknowledged readings —
 * delivery is at least once. When full, the oldest readings are dropped: the count bound is exact,
 * the byte bound is kept to about a page. A corrupt file is moved aside and its readings are not
 * read again; a fresh file then numbers from 1 unless this process had numbered further.
 *
 * <p>Thread-safety: every method is synchronized, so one sampler thread may append while one
 * forwarder thread peeks and removes. A call waits at most for one transaction of another thread
 * (an append's fsync, or a bulk delete): milliseconds on an SD card, never the network.
 */
public final class SqliteReadingQueue implements ReadingQueue {

  /** Acknowledged readings deleted together: one small transaction instead of one per batch. */
  static final int ACKS_PER_DELETE = 512;

  private static final String DROPPED = "dropped";
  private static final String SEQ_HIGH_WATER = "seq_high_water";

  private final Path file;
  private final QueueConfig config;
  private final String bootId;
  private final Clock clock;
  private final OverflowLog overflowLog;
  /**
   * Acknowledged, not yet deleted. Not checked against the table (that would re-read every row):
   * a number that is no longer a row (already deleted, dropped, or in a moved-aside file) may be
   * here too; it hides nothing and the delete counts only the rows it really removes.
   */
  private final NavigableSet<Long> acknowledged = new TreeSet<>();

  private QueueConnection db;
  private long boot;
  private long nextSeq = 1;
  private long rows;
  private long dropped;
  /** No row below this seq can be peeked: each is acknowledged or waits for the clock. */
  private long peekFloor;
  private boolean closed;

  private SqliteReadingQueue(QueueConfig config, String bootId, Clock clock) {
    this.file = config.path();
    this.config = config;
    this.bootId = bootId;
    this.clock = clock;
    this.overflowLog = new OverflowLog(file);
  }

  /** Opens the queue at {@code config.path()}, creating it and its directory if missing. */
  public static SqliteReadingQueue open(QueueConfig config) throws IOException {
    return open(config, BootId.current(), Clock.systemUTC());
  }

  /**
   * As {@link #open(QueueConfig)}, with the boot id and the clock (for the corrupt file's name) given.
   *
   * @throws IOException if the file can be neither opened nor replaced by a fresh one (a
   *     read-only directory, say); a corrupt file is not an exception, it is moved aside
   */
  public static SqliteReadingQueue open(QueueConfig config, String bootId, Clock clock) throws IOException {
    SqliteReadingQueue queue = new SqliteReadingQueue(config, bootId, clock);
    Path parent = config.path().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      queue.connect();
    } catch (SQLException e) {
      if (!SqliteCodes.isCorrupt(e)) {
        throw new IOException(config.path() + ": cannot open the queue: " + e.getMessage(), e);
      }
      queue.startFresh(e);
    }
    return queue;
  }

  /** {@inheritDoc} Times are stored to the millisecond; the readings returned are as stored. */
  @Override
  public synchronized List<Reading> append(List<Reading> readings) throws IOException {
    ensureOpen();
    if (readings.isEmpty()) {
      return List.of();
    }
    return recovering("store a round of " + readings.size() + " readings", () -> {
      List<Reading> stored = new ArrayList<>(readings.size());
      for (Reading reading : readings) {
        stored.add(asStored(reading, nextSeq + stored.size()));
      }
      Room room = transaction(() -> {
        db.insert(stored, boot);
        return makeRoom(stored.size());
      });
      nextSeq += stored.size();
      rows += stored.size() - room.deletedRows();
      if (room.clearedAcknowledged()) {
        acknowledged.clear();
      }
      if (room.dropped() > 0) {
        dropped += room.dropped();
        overflowLog.dropped(room.dropped(), dropped, room.limit());
      } else if (room.roomy()) {
        overflowLog.fitted();
      }
      return stored;
    });
  }

  @Override
  public synchronized List<Reading> peek(int max) throws IOException {
    return peekAfter(0, max);
  }

  @Override
  public synchronized List<Reading> peekAfter(long after, int max) throws IOException {
    ensureOpen();
    if (max <= 0) {
      return List.of();
    }
    return recovering("read the queue", () -> transaction(() -> {
      List<Reading> found = new ArrayList<>(Math.min(max, 1024));
      long from = Math.max(peekFloor, after + 1);
      boolean fromFloor = from == peekFloor;
      long lastSeen = from - 1;
      try (ResultSet row = db.scanFrom(from)) {
        while (found.size() < max && row.next()) {
          Reading reading = db.reading(row);
          lastSeen = reading.seq();
          if (reading.clockTrusted() && !acknowledged.contains(reading.seq())) {
            found.add(reading);
          }
        }
      }
      if (fromFloor) {
        // rows skipped before the first one returned stay unpeekable until a restamp
        peekFloor = found.isEmpty() ? lastSeen + 1 : found.get(0).seq();
      } // else rows below `from` were not looked at: the floor stays
      return found;
    }));
  }

  /**
   * {@inheritDoc} The acknowledgement is kept in memory at once, without reading the rows; they are
   * deleted in bulk, counting only rows that were there. If that deletion fails the IOException
   * says so, and the readings are still not peeked again.
   */
  @Override
  public synchronized void remove(List<Reading> acknowledgedReadings) throws IOException {
    ensureOpen();
    if (acknowledgedReadings.isEmpty()) {
      return;
    }
    recovering("forget acknowledged readings", () -> {
      for (Reading reading : acknowledgedReadings) {
        long seq = reading.seq();
        if (seq > 0 && seq < nextSeq) {
          acknowledged.add(seq);
        }
      }
      if (acknowledged.size() >= ACKS_PER_DELETE) {
        deleteAcknowledged();
      }
      return null;
    });
  }

  @Override
  public synchronized int restamp(long epochMillisAtNanoZero) throws IOException {
    ensureOpen();
    return recovering("re-stamp readings taken before the clock was trusted", () -> {
      int restamped = transaction(() -> db.restamp(boot, epochMillisAtNanoZero));
      if (restamped > 0) {
        peekFloor = 0;
      }
      return restamped;
    });
  }

  /** Deletes the acknowledged readings from disk now, in one transaction. */
  public synchronized void flush() throws IOException {
    ensureOpen();
    recovering("delete acknowledged readings", () -> {
      deleteAcknowledged();
      return null;
    });
  }

  /** Counts the rows (one scan of the table): fine for a summary every few minutes. */
  @Override
  public long depth() throws IOException {
    return stats().depth();
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  /** Depth, oldest reading, dropped and undatable counts, size on disk. */
  public synchronized QueueStats stats() throws IOException {
    ensureOpen();
    QueueStats counted = recovering("read the queue's statistics", () -> transaction(() -> {
      Optional<Reading> oldest = Optional.empty();
      try (ResultSet row = db.scanFrom(0)) {
        while (oldest.isEmpty() && row.next()) {
          Reading reading = db.reading(row);
          if (!acknowledged.contains(reading.seq())) {
            oldest = Optional.of(reading);
          }
        }
      }
      // acknowledged may name rows already gone: count those still there (a read, rare: the summary)
      return new QueueStats(rows - db.countExisting(acknowledged), oldest, dropped, db.countUntrusted(boot, false),
          db.countUntrusted(boot, true), 0);
    }));
    return new QueueStats(counted.depth(), counted.oldest(), counted.dropped(), counted.undatable(),
        counted.waitingForClock(), QueueFiles.bytesOnDisk(file));
  }

  /** Deletes what was acknowledged (a failure is logged: those readings will be sent again), then closes. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      deleteAcknowledged();
    } catch (SQLException e) {
      Logger.warn("queue {}: could not delete {} acknowledged readings, they will be sent again: {}",
          file, acknowledged.size(), e.getMessage());
    }
    try {
      db.close();
    } catch (SQLException e) {
      throw new IOException(file + ": could not close the queue: " + e.getMessage(), e);
    }
  }

  /** Test hook: sets a per-connection pragma, e.g. {@code max_page_count} to simulate a full disk. */
  void pragmaForTest(String assignment) throws SQLException {
    db.pragma(assignment);
  }

  /** Test hook: how many overflow episodes were logged. */
  synchronized int overflowEpisodes() {
    return overflowLog.episodes();
  }

  /** Test hook: what {@code max_bytes} is compared with. */
  synchronized long usedBytes() throws SQLException {
    return transaction(db::usedBytes);
  }

  private Reading asStored(Reading reading, long seq) {
    Instant milliseconds = Instant.ofEpochMilli(reading.time().toEpochMilli());
    return new Reading(seq, reading.sensor(), reading.quantity(), reading.value(), milliseconds,
        reading.clockTrusted(), reading.monotonicNanos());
  }

  /**
   * What {@link #makeRoom} deleted, applied to the in-memory state only after the commit; {@code
   * roomy} when below {@value #ROOMY_PERCENT}% of both bounds, which ends an overflow episode.
   */
  private record Room(long deletedRows, boolean clearedAcknowledged, long dropped, String limit, boolean roomy) {}

  /**
   * An overflow episode ends only well below the bounds: the byte bound frees whole pages, so a
   * full queue fits a few rounds between drops, and each would otherwise start a new episode.
   */
  private static final int ROOMY_PERCENT = 90;

  /**
   * Inside the append's transaction: if the queue is over a bound, deletes the acknowledged rows
   * (nothing lost) and then the oldest unacknowledged ones (counted as dropped), never the round
   * just stored.
   */
  private Room makeRoom(int added) throws SQLException {
    long total = rows + added;
    long usedBefore = db.usedBytes();
    if (total <= config.maxReadings() && usedBefore <= config.maxBytes()) {
      boolean roomy = total * 100 <= config.maxReadings() * ROOMY_PERCENT
          && usedBefore * 100 <= config.maxBytes() * ROOMY_PERCENT;
      return new Room(0, false, 0, "", roomy);
    }
    long deleted = 0;
    if (!acknowledged.isEmpty()) {
      deleted = db.delete(acknowledged);
      total -= deleted;
    }
    long used = db.usedBytes();
    long drop = Math.max(0, total - config.maxReadings());
    String limit = "max_readings = " + config.maxReadings();
    if (used > config.maxBytes()) {
      long bytesPerReading = Math.max(1, used / total);
      long byBytes = (used - config.maxBytes() + bytesPerReading - 1) / bytesPerReading;
      if (byBytes > drop) {
        drop = byBytes;
        limit = "max_bytes = " + config.maxBytes();
      }
    }
    drop = Math.min(drop, total - added);
    if (drop > 0) {
      db.deleteOldest(drop);
      db.putMeta(DROPPED, dropped + drop);
    }
    return new Room(deleted + drop, !acknowledged.isEmpty(), drop, limit, false);
  }

  private void deleteAcknowledged() throws SQLException {
    if (acknowledged.isEmpty()) {
      return;
    }
    long deleted = transaction(() -> {
      long changed = db.delete(acknowledged);
      if (acknowledged.last() >= nextSeq - 1) {
        // the newest row goes: remember its number, or the next open would hand it out again
        db.putMeta(SEQ_HIGH_WATER, nextSeq - 1);
      }
      return changed;
    });
    rows -= deleted;
    acknowledged.clear();
  }

  private void connect() throws SQLException {
    QueueConnection opened = QueueConnection.open(file, config.synchronous());
    try {
      QueueSchema.createOrCheck(opened.jdbc());
      long openedBoot = opened.bootRow(bootId);
      // count(*) reads every leaf page: a malformed table shows here, at open, not mid-run
      long openedRows = opened.longQuery("SELECT count(*) FROM reading");
      long highest = Math.max(opened.longQuery("SELECT max(seq) FROM reading"), opened.meta(SEQ_HIGH_WATER));
      long openedDropped = opened.meta(DROPPED);
      opened.commit();
      db = opened;
      boot = openedBoot;
      rows = openedRows;
      nextSeq = Math.max(nextSeq, highest + 1);
      dropped = openedDropped;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(opened, e);
      throw e;
    }
    acknowledged.clear();
    peekFloor = 0;
  }

  /** Moves the unusable file aside with one ERROR line and opens a fresh one in its place. */
  private void startFresh(SQLException cause) throws IOException {
    if (db != null) {
      closeQuietly(db, cause);
      db = null;
    }
    long handedOut = nextSeq - 1;
    Path movedTo = QueueFiles.moveAside(file, clock);
    Logger.error("queue {} is corrupt or not a queue ({}); moved it to {} and started a fresh queue",
        file, cause.getMessage(), movedTo);
    try {
      connect();
      if (handedOut > 0) {
        // readings numbered up to here may still be in flight: their numbers must not come back
        transaction(() -> {
          db.putMeta(SEQ_HIGH_WATER, handedOut);
          return null;
        });
      }
    } catch (SQLException e) {
      throw new IOException(file + ": cannot start a fresh queue after moving the corrupt one to "
          + movedTo + ": " + e.getMessage(), e);
    }
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in one transaction: commits, or rolls back and rethrows. */
  private <T> T transaction(SqlWork<T> work) throws SQLException {
    try {
      T result = work.run();
      db.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      db.rollback(e);
      throw e;
    }
  }

  /**
   * Runs {@code work}; if the file turns out corrupt, moves it aside and runs {@code work} once
   * more on the fresh queue. Other failures become an IOException naming the file.
   */
  private <T> T recovering(String action, SqlWork<T> work) throws IOException {
    try {
      try {
        return work.run();
      } catch (SQLException e) {
        if (!SqliteCodes.isCorrupt(e)) {
          throw e;
        }
        startFresh(e);
        return work.run();
      }
    } catch (SQLException e) {
      if (SqliteCodes.isFull(e)) {
        throw new IOException(file + ": disk full, could not " + action
            + "; readings stored before are kept", e);
      }
      throw new IOException(file + ": could not " + action + ": " + e.getMessage(), e);
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(file + ": the queue is closed");
    }
  }

  private static void closeQuietly(QueueConnection connection, Exception cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
