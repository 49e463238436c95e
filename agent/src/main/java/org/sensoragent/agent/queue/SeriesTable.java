package org.sensoragent.agent.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.sensoragent.drivers.Quantity;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The {@code series} table and its cache in memory: a reading row holds a small INTEGER series id
 * instead of two TEXT columns, so peek decodes no string per row, and every reading of a series
 * shares one sensor String and one Quantity instance.
 *
 * <p>Ids are only ever added, never changed, so the cache stays right as long as the transaction
 * that added an id commits: after a rollback the caller must {@link #forget} it. Not thread-safe.
 */
final class SeriesTable {

  /** One sensor's quantity, as readings of it are returned. */
  record Series(String sensor, Quantity quantity) {}

  private final Connection connection;
  private final Map<Series, Long> ids = new HashMap<>();
  private Series[] byId = new Series[16];
  private PreparedStatement add;
  private PreparedStatement find;
  private PreparedStatement get;

  SeriesTable(Connection connection) {
    this.connection = connection;
  }

  /** The id of {@code sensor}/{@code quantity}, adding a row in the caller's transaction if new. */
  long id(String sensor, Quantity quantity) throws SQLException {
    Series key = new Series(sensor, quantity);
    Long cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    if (add == null) {
      add = connection.prepareStatement("INSERT OR IGNORE INTO series(sensor, quantity) VALUES (?, ?)");
      find = connection.prepareStatement("SELECT id FROM series WHERE sensor = ? AND quantity = ?");
    }
    add.setString(1, sensor);
    add.setString(2, quantity.label());
    add.executeUpdate();
    find.setString(1, sensor);
    find.setString(2, quantity.label());
    long id;
    try (ResultSet row = find.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("series " + sensor + "/" + quantity.label() + " was not stored");
      }
      id = row.getLong(1);
    }
    remember(id, key);
    return id;
  }

  /**
   * The series with id {@code id}, from the cache or else from the table.
   *
   * @throws SQLiteException {@code SQLITE_CORRUPT} if no such series or an unknown quantity: a
   *     reading row pointing there is damaged
   */
  Series series(long id) throws SQLException {
    if (id > 0 && id < byId.length && byId[(int) id] != null) {
      return byId[(int) id];
    }
    if (get == null) {
      get = connection.prepareStatement("SELECT sensor, quantity FROM series WHERE id = ?");
    }
    get.setLong(1, id);
    Series found;
    try (ResultSet row = get.executeQuery()) {
      if (!row.next()) {
        throw new SQLiteException("a reading names series " + id + ", which does not exist",
            SQLiteErrorCode.SQLITE_CORRUPT);
      }
      found = new Series(row.getString(1), quantity(row.getString(2)));
    }
    remember(id, found);
    return found;
  }

  /** Drops the cache: after a rollback, ids added in that transaction are gone from the table. */
  void forget() {
    ids.clear();
    Arrays.fill(byId, null);
  }

  void close() throws SQLException {
    for (PreparedStatement statement : new PreparedStatement[] {add, find, get}) {
      if (statement != null) {
        statement.close();
      }
    }
  }

  private void remember(long id, Series series) {
    ids.put(series, id);
    // ids are rowids handed out densely from 1; a stray large one is simply not cached by index
    if (id > 0 && id < 1 << 16) {
      if (id >= byId.length) {
        byId = Arrays.copyOf(byId, Math.max((int) id + 1, 2 * byId.length));
      }
      byId[(int) id] = series;
    }
  }

  private static Quantity quantity(String label) throws SQLiteException {
    try {
      return Quantity.valueOf(label.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SQLiteException("a series has an unknown quantity \"" + label + "\"", SQLiteErrorCode.SQLITE_CORRUPT);
    }
  }
}
