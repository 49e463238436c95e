package org.sensoragent.agent.queue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import org.sensoragent.agent.Reading;
import org.sqlite.SQLiteConfig;

/**
 * One JDBC connection to a queue file, tuned for an SD card, with the statements the queue runs.
 * Transactions are explicit: auto-commit is off and every caller ends with {@link #commit()} or
 * {@link #rollback()}, also after reading, so that no read snapshot stays open (an open snapshot
 * stops checkpoints and lets the WAL grow). Not thread-safe.
 */
final class QueueConnection implements AutoCloseable {

  /**
   * 1 KiB, not SQLite's 4 KiB: a round's commit appends one WAL frame of page size + 24 bytes and
   * fsyncs it; a 4 KiB page makes that frame straddle two 4 KiB OS pages every time. Fixed when the
   * file is created; an existing file keeps its own.
   */
  static final int PAGE_SIZE = 1024;

  /** Checkpoint after this many WAL frames (~1 MiB): a leaf page rewritten by many rounds is copied into the database once. */
  static final int WAL_AUTOCHECKPOINT_PAGES = 1000;

  private static final String COLUMNS = "seq, series, value, time_ms, clock_trusted, monotonic_nanos";

  private final Connection connection;
  private final SeriesTable series;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private QueueConnection(Connection connection) {
    this.connection = connection;
    this.series = new SeriesTable(connection);
  }

  /**
   * Opens (creating if missing) for reading and writing, in WAL mode.
   *
   * @param synchronous "full" (a commit survives power loss) or "normal" (survives a crash; the
   *     last commits may be lost on power loss)
   */
  static QueueConnection open(Path file, String synchronous) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA page_size = " + PAGE_SIZE); // before WAL mode, which fixes it
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        if (!mode.next() || !mode.getString(1).equalsIgnoreCase("wal")) {
          throw new SQLException(file + ": SQLite refused WAL mode");
        }
      }
      statement.execute("PRAGMA synchronous = " + synchronous.toUpperCase(Locale.ROOT));
      statement.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
      statement.execute("PRAGMA cache_size = -512"); // KiB: the hot leaf pages of both ends of the queue; native memory on a 512 MB Pi
      statement.execute("PRAGMA temp_store = MEMORY"); // never a temp file on the SD card
      statement.execute("PRAGMA busy_timeout = 5000"); // a `queue` command may be reading
      connection.setAutoCommit(false);
      return new QueueConnection(connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Opens an existing queue without writing to it: WAL lets this read beside a running agent,
   * which it neither blocks nor disturbs. Never creates the file.
   */
  static QueueConnection openReadOnly(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    connection.setAutoCommit(false);
    return new QueueConnection(connection);
  }

  Connection jdbc() {
    return connection;
  }

  void commit() throws SQLException {
    connection.commit();
  }

  /** Rolls back after {@code cause}; a failure to roll back is attached to it, not thrown over it. */
  void rollback(Exception cause) {
    series.forget(); // series added in this transaction are gone
    try {
      connection.rollback();
    } catch (SQLException e) {
      // After SQLITE_FULL and some I/O errors SQLite has already rolled back by itself; the
      // driver's "rollback" then fails and it skips the "begin" it issues after every rollback,
      // leaving each later statement to commit on its own. Open that transaction as it would.
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN");
      } catch (SQLException again) {
        cause.addSuppressed(e);
        cause.addSuppressed(again);
      }
    }
  }

  void insert(List<Reading> readings, long boot) throws SQLException {
    long[] seriesIds = new long[readings.size()];
    for (int i = 0; i < seriesIds.length; i++) { // before the batch: a new series is an INSERT of its own
      seriesIds[i] = series.id(readings.get(i).sensor(), readings.get(i).quantity());
    }
    PreparedStatement insert = statement(
        "INSERT INTO reading(" + COLUMNS + ", boot) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (int i = 0; i < seriesIds.length; i++) {
      Reading reading = readings.get(i);
      insert.setLong(1, reading.seq());
      insert.setLong(2, seriesIds[i]);
      insert.setDouble(3, reading.value());
      insert.setLong(4, reading.time().toEpochMilli());
      insert.setInt(5, reading.clockTrusted() ? 1 : 0);
      insert.setLong(6, reading.monotonicNanos());
      insert.setLong(7, boot);
      insert.addBatch();
    }
    insert.executeBatch();
  }

  /** All rows from {@code seq} on, oldest first, stepped lazily: close it as soon as you have enough. */
  ResultSet scanFrom(long seq) throws SQLException {
    PreparedStatement scan = statement("SELECT " + COLUMNS + " FROM reading WHERE seq >= ? ORDER BY seq");
    scan.setLong(1, seq);
    return scan.executeQuery();
  }

  /**
   * The reading at {@code row} of {@link #scanFrom}: only numbers cross JNI; sensor and quantity
   * come from the series cache, the same instances for every reading of a series.
   */
  Reading reading(ResultSet row) throws SQLException {
    SeriesTable.Series of = series.series(row.getLong(2));
    return new Reading(row.getLong(1), of.sensor(), of.quantity(), row.getDouble(3),
        Instant.ofEpochMilli(row.getLong(4)), row.getInt(5) != 0, row.getLong(6));
  }

  /**
   * How many of {@code wanted} are rows. A dense run of numbers is answered by one range scan
   * (thousands of point queries through JNI cost more than the network round trip); a sparse set
   * is looked up one by one. Reads every row it counts: for statistics, not for the drain path.
   */
  long countExisting(NavigableSet<Long> wanted) throws SQLException {
    long found = 0;
    if (wanted.isEmpty()) {
      return found;
    }
    long first = wanted.first();
    long last = wanted.last();
    if (last - first < 4L * wanted.size()) {
      PreparedStatement range = statement("SELECT seq FROM reading WHERE seq BETWEEN ? AND ?");
      range.setLong(1, first);
      range.setLong(2, last);
      try (ResultSet row = range.executeQuery()) {
        while (row.next()) {
          long seq = row.getLong(1);
          if (wanted.contains(seq)) {
            found++;
          }
        }
      }
      return found;
    }
    PreparedStatement exists = statement("SELECT 1 FROM reading WHERE seq = ?");
    for (long seq : wanted) {
      exists.setLong(1, seq);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          found++;
        }
      }
    }
    return found;
  }

  /**
   * Deletes the rows {@code seqs} names, one range per run of consecutive numbers: every number of
   * a run is in the set, so the range deletes exactly those rows, in one statement instead of one
   * per row. Numbers that are not rows are allowed and cost nothing.
   *
   * @return how many rows were deleted (SQLite's change count), not how many numbers were given
   */
  long delete(NavigableSet<Long> seqs) throws SQLException {
    PreparedStatement delete = statement("DELETE FROM reading WHERE seq BETWEEN ? AND ?");
    long runStart = 0;
    long runEnd = Long.MIN_VALUE;
    for (long seq : seqs) {
      if (seq != runEnd + 1) {
        if (runEnd != Long.MIN_VALUE) {
          delete.setLong(1, runStart);
          delete.setLong(2, runEnd);
          delete.addBatch();
        }
        runStart = seq;
      }
      runEnd = seq;
    }
    if (runEnd != Long.MIN_VALUE) {
      delete.setLong(1, runStart);
      delete.setLong(2, runEnd);
      delete.addBatch();
    }
    long deleted = 0;
    for (int changed : delete.executeBatch()) {
      deleted += changed;
    }
    return deleted;
  }

  /** Deletes the {@code count} oldest rows; returns the seq of the newest of them. */
  long deleteOldest(long count) throws SQLException {
    PreparedStatement nth = statement("SELECT seq FROM reading ORDER BY seq LIMIT 1 OFFSET ?");
    nth.setLong(1, count - 1);
    long last;
    try (ResultSet row = nth.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("fewer than " + count + " readings to drop");
      }
      last = row.getLong(1);
    }
    PreparedStatement delete = statement("DELETE FROM reading WHERE seq <= ?"); // one range: rows are in seq order
    delete.setLong(1, last);
    delete.executeUpdate();
    return last;
  }

  /** Dates this boot's untrusted rows from their monotonic time; returns how many. */
  int restamp(long boot, long epochMillisAtNanoZero) throws SQLException {
    PreparedStatement untrusted = statement(
        "SELECT seq, monotonic_nanos FROM reading WHERE clock_trusted = 0 AND boot = ?");
    untrusted.setLong(1, boot);
    List<long[]> rows = new ArrayList<>();
    try (ResultSet row = untrusted.executeQuery()) {
      while (row.next()) {
        rows.add(new long[] {row.getLong(1), row.getLong(2)});
      }
    }
    PreparedStatement update = statement("UPDATE reading SET time_ms = ?, clock_trusted = 1 WHERE seq = ?");
    for (long[] row : rows) {
      // floorDiv: a monotonic time before the epoch of nanoTime still rounds towards the past
      update.setLong(1, epochMillisAtNanoZero + Math.floorDiv(row[1], 1_000_000L));
      update.setLong(2, row[0]);
      update.addBatch();
    }
    update.executeBatch();
    return rows.size();
  }

  /** Untrusted rows of the given boot ({@code sameBoot}) or of every other boot. */
  long countUntrusted(long boot, boolean sameBoot) throws SQLException {
    return longQuery("SELECT count(*) FROM reading WHERE clock_trusted = 0 AND boot " + (sameBoot ? "=" : "<>") + " ?", boot);
  }

  /** The boot's row id, adding it if new. */
  long bootRow(String bootId) throws SQLException {
    PreparedStatement add = statement("INSERT OR IGNORE INTO boot(boot_id) VALUES (?)");
    add.setString(1, bootId);
    add.executeUpdate();
    return findBoot(bootId);
  }

  /** The boot's row id, or -1 if no reading of that boot was ever stored. */
  long findBoot(String bootId) throws SQLException {
    PreparedStatement find = statement("SELECT id FROM boot WHERE boot_id = ?");
    find.setString(1, bootId);
    try (ResultSet row = find.executeQuery()) {
      return row.next() ? row.getLong(1) : -1;
    }
  }

  long meta(String key) throws SQLException {
    PreparedStatement get = statement("SELECT value FROM meta WHERE key = ?");
    get.setString(1, key);
    try (ResultSet row = get.executeQuery()) {
      return row.next() ? row.getLong(1) : 0;
    }
  }

  void putMeta(String key, long value) throws SQLException {
    PreparedStatement put = statement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
    put.setString(1, key);
    put.setLong(2, value);
    put.executeUpdate();
  }

  /** Bytes of the pages that hold data (free pages excluded): what {@code max_bytes} bounds. */
  long usedBytes() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      long pages = QueueSchema.pragmaValue(statement, "page_count") - QueueSchema.pragmaValue(statement, "freelist_count");
      return pages * QueueSchema.pragmaValue(statement, "page_size");
    }
  }

  long longQuery(String sql, long... args) throws SQLException {
    PreparedStatement query = statement(sql);
    for (int i = 0; i < args.length; i++) {
      query.setLong(i + 1, args[i]);
    }
    try (ResultSet row = query.executeQuery()) {
      return row.next() ? row.getLong(1) : 0;
    }
  }

  /** Sets a per-connection pragma; tests use {@code max_page_count} to fill the "disk". */
  void pragma(String assignment) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA " + assignment);
    }
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    try {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
      series.close();
    } finally {
      connection.close();
    }
  }
}
