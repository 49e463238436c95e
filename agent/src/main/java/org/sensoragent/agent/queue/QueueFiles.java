package org.sensoragent.agent.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The files SQLite keeps for one queue: {@code queue.db}, {@code queue.db-wal}, {@code queue.db-shm}. */
final class QueueFiles {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private QueueFiles() {}

  static Path wal(Path database) {
    return database.resolveSibling(database.getFileName() + "-wal");
  }

  static Path shm(Path database) {
    return database.resolveSibling(database.getFileName() + "-shm");
  }

  /** Database plus write-ahead log: what the queue occupies on disk. Missing files count 0. */
  static long bytesOnDisk(Path database) throws IOException {
    long bytes = 0;
    for (Path file : new Path[] {database, wal(database)}) {
      if (Files.exists(file)) {
        bytes += Files.size(file);
      }
    }
    return bytes;
  }

  /**
   * Renames the database to {@code <name>.corrupt-<UTC time>} and its WAL alongside as
   * {@code <that>-wal} (so that {@code sqlite3} opens the pair as it was), and deletes the shared
   * memory index, which SQLite rebuilds. Each rename is atomic, the pair is not: the WAL goes first,
   * because SQLite would replay a WAL left behind into the fresh database (a WAL does not name its
   * database); a crash between the renames leaves the corrupt file, which the next open moves.
   *
   * @return where the database went
   */
  static Path moveAside(Path database, Clock clock) throws IOException {
    String base = database.getFileName() + ".corrupt-" + STAMP.format(clock.instant());
    Path target = database.resolveSibling(base);
    for (int n = 2; Files.exists(target); n++) {
      target = database.resolveSibling(base + "-" + n);
    }
    if (Files.exists(wal(database))) {
      Files.move(wal(database), wal(target), StandardCopyOption.ATOMIC_MOVE);
    }
    if (Files.exists(database)) {
      Files.move(database, target, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.deleteIfExists(shm(database));
    return target;
  }
}
