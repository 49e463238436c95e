package org.sensoragent.agent.queue;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Sorts SQLite failures into the few the queue treats differently. */
final class SqliteCodes {

  private SqliteCodes() {}

  /** The file is not a database, or its pages do not hold together: move it aside. */
  static boolean isCorrupt(SQLException e) {
    int code = primaryCode(e);
    return code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code;
  }

  /** The disk (or the page limit) is full: report it, keep what is stored. */
  static boolean isFull(SQLException e) {
    return primaryCode(e) == SQLiteErrorCode.SQLITE_FULL.code;
  }

  // extended codes (SQLITE_CORRUPT_INDEX = 779 ...) carry the primary code in their low byte
  private static int primaryCode(SQLException e) {
    int code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode();
    return code & 0xff;
  }
}
