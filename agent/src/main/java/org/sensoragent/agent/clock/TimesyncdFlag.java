package org.sensoragent.agent.clock;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * systemd-timesyncd's verdict: it creates {@code /run/systemd/timesync/synchronized} once it has
 * synchronized the clock (systemd-timesyncd.service(8)) and the file lives until reboot. Thread-safe.
 */
public final class TimesyncdFlag implements SyncStatus {

  private final Path flag;

  /** @param root the file system root, {@code /} in production, a temporary folder in tests */
  public TimesyncdFlag(Path root) {
    this.flag = root.resolve("run/systemd/timesync/synchronized");
  }

  @Override
  public boolean isSynchronized() {
    return Files.exists(flag);
  }

  @Override
  public String toString() {
    return flag.toString();
  }
}
