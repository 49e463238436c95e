package org.sensoragent.agent.queue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The queue file's tables, and how a file is recognised as ours.
 *
 * <pre>
 * reading(seq INTEGER PRIMARY KEY, series, value, time_ms, clock_trusted, monotonic_nanos, boot)
 * series(id INTEGER PRIMARY KEY, sensor, quantity, UNIQUE(sensor, quantity))
 * boot(id INTEGER PRIMARY KEY, boot_id UNIQUE)     -- kernel boot ids, so each row stores 1 byte, not 36
 * meta(key PRIMARY KEY, value) WITHOUT ROWID       -- 'dropped', 'seq_high_water'
 * </pre>
 *
 * <p>{@code seq} is assigned by the queue, not by {@code AUTOINCREMENT}: AUTOINCREMENT rewrites the
 * {@code sqlite_sequence} page in every transaction, doubling the pages a round writes. Instead
 * {@code meta.seq_high_water} is written in the rare transaction that deletes the newest row, so
 * the next number is always {@code max(max(seq), seq_high_water) + 1}.
 */
final class QueueSchema {

  /** "SAQ1" in SQLite's application_id header field: tells our file from any other database. */
  static final int APPLICATION_ID = 0x53415131;

  /**
   * 2: a reading names its {@code series} by id (version 1 held sensor and quantity as TEXT in
   * every row, a string decode per row on peek). Pre-release, so there is no migration: a file of
   * another version is "not a queue", moved aside with one error line, and a fresh one started.
   */
  static final int VERSION = 2;

  private QueueSchema() {}

  /**
   * Creates the tables in an empty file, or checks that a non-empty one is a queue of this version.
   * Runs inside the caller's transaction.
   *
   * @throws SQLException {@code SQLITE_NOTADB} when the file is another database or another version
   */
  static void createOrCheck(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      long applicationId = pragmaValue(statement, "application_id");
      long version = pragmaValue(statement, "user_version");
      if (applicationId == APPLICATION_ID && version == VERSION) {
        return;
      }
      if (applicationId == 0 && version == 0 && isEmpty(statement)) {
        create(statement);
        return;
      }
      throw new SQLiteException(
          String.format("not a sensor-agent queue (application_id 0x%08x, user_version %d; expected 0x%08x, %d)",
              applicationId, version, APPLICATION_ID, VERSION),
          SQLiteErrorCode.SQLITE_NOTADB);
    }
  }

  private static void create(Statement statement) throws SQLException {
    statement.executeUpdate(
        "CREATE TABLE reading ("
            + " seq INTEGER PRIMARY KEY,"
            + " series INTEGER NOT NULL,"         // series.id: no TEXT to decode per row
            + " value REAL NOT NULL,"
            + " time_ms INTEGER NOT NULL,"        // epoch milliseconds; stale while clock_trusted = 0
            + " clock_trusted INTEGER NOT NULL,"  // 1 or 0
            + " monotonic_nanos INTEGER NOT NULL,"
            + " boot INTEGER NOT NULL)");
    // partial: costs a write only for the few readings taken before the clock was trusted
    statement.executeUpdate("CREATE INDEX reading_untrusted ON reading(boot) WHERE clock_trusted = 0");
    statement.executeUpdate("CREATE TABLE series (id INTEGER PRIMARY KEY, sensor TEXT NOT NULL,"
        + " quantity TEXT NOT NULL, UNIQUE (sensor, quantity))"); // quantity: Quantity.label()
    statement.executeUpdate("CREATE TABLE boot (id INTEGER PRIMARY KEY, boot_id TEXT NOT NULL UNIQUE)");
    statement.executeUpdate("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
    statement.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
    statement.executeUpdate("PRAGMA user_version = " + VERSION);
  }

  private static boolean isEmpty(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
      return rows.next() && rows.getLong(1) == 0;
    }
  }

  static long pragmaValue(Statement statement, String name) throws SQLException {
    try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }
}
