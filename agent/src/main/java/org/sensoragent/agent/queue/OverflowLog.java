package org.sensoragent.agent.queue;

import java.nio.file.Path;
import org.tinylog.Logger;

/**
 * Says "full, dropping the oldest" once per overflow episode, not once per round: an outage of a
 * week would otherwise write tens of thousands of identical lines to the journal.
 */
final class OverflowLog {

  private final Path file;
  private boolean full;
  private long droppedInEpisode;
  private int episodes;

  OverflowLog(Path file) {
    this.file = file;
  }

  /** A round made room by dropping {@code count} unacknowledged readings. */
  void dropped(long count, long droppedTotal, String limit) {
    if (!full) {
      full = true;
      droppedInEpisode = 0;
      episodes++;
      Logger.warn("queue {} is full ({}): dropping the oldest readings until it drains; {} dropped so far",
          file, limit, droppedTotal);
    }
    droppedInEpisode += count;
  }

  /** A round fitted without dropping: the episode, if any, is over. */
  void fitted() {
    if (full) {
      full = false;
      Logger.info("queue {} is no longer full; {} readings were dropped while it was", file, droppedInEpisode);
    }
  }

  /** How many WARN lines were written. */
  int episodes() {
    return episodes;
  }
}
