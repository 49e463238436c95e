package org.sensoragent.agent.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.sensoragent.agent.Reading;

/**
 * Reads a queue's statistics from another process, such as the {@code queue} command beside the
 * running agent. Opens the file read-only: it never creates, repairs, moves or deletes anything,
 * and WAL lets it read while the agent writes. What the agent has acknowledged but not yet deleted
 * still counts as queued here.
 */
public final class QueueInspector {

  private QueueInspector() {}

  /**
   * @throws NoSuchFileException if there is no queue file (nothing was ever stored)
   * @throws IOException if the file cannot be read or is not a queue; the message names the file
   */
  public static QueueStats inspect(Path file) throws IOException {
    return inspect(file, BootId.current());
  }

  static QueueStats inspect(Path file, String bootId) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no queue file (nothing stored yet)");
    }
    try (QueueConnection db = QueueConnection.openReadOnly(file)) {
      try {
        QueueStats stats = read(db, bootId, file);
        db.commit();
        return stats;
      } catch (SQLException | RuntimeException e) {
        db.rollback(e);
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException(file + ": cannot read the queue: " + e.getMessage(), e);
    }
  }

  private static QueueStats read(QueueConnection db, String bootId, Path file) throws SQLException, IOException {
    try (Statement statement = db.jdbc().createStatement()) {
      long applicationId = QueueSchema.pragmaValue(statement, "application_id");
      long version = QueueSchema.pragmaValue(statement, "user_version");
      if (applicationId != QueueSchema.APPLICATION_ID || version != QueueSchema.VERSION) {
        if (applicationId == 0 && version == 0 && db.longQuery("SELECT count(*) FROM sqlite_schema") == 0) {
          return new QueueStats(0, Optional.empty(), 0, 0, 0, QueueFiles.bytesOnDisk(file));
        }
        throw new IOException(String.format("%s: not a sensor-agent queue (application_id 0x%08x, user_version %d)",
            file, applicationId, version));
      }
    }
    Optional<Reading> oldest;
    try (ResultSet row = db.scanFrom(0)) {
      oldest = row.next() ? Optional.of(db.reading(row)) : Optional.empty();
    }
    long boot = db.findBoot(bootId); // -1 if this boot stored nothing: then every untrusted row is undatable
    return new QueueStats(db.longQuery("SELECT count(*) FROM reading"), oldest, db.meta("dropped"),
        db.countUntrusted(boot, false), db.countUntrusted(boot, true), QueueFiles.bytesOnDisk(file));
  }
}
