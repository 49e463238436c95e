package org.sensoragent.agent.clock;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sensoragent.agent.config.ClockConfig.Trust;
import org.tinylog.Logger;

/**
 * Answers "is the wall clock trusted now?" as DESIGN.md "Time" and {@code [clock] trust} say.
 * Once trusted it stays trusted until the process ends. Thread-safe: {@link #isTrusted()} is a
 * cheap read for any thread; {@link #check()} asks the sync source and is meant for the one
 * sampler thread (it may block for a moment, see {@link TimedatectlStatus}).
 *
 * <p>{@code sync}: trusted once the {@link SyncStatus} says so — in production systemd-timesyncd's
 * flag file, else the kernel's verdict through timedatectl (adjtimex itself needs native code).
 * {@code auto}: the same where {@code /run/systemd/timesync/} or {@code /run/chrony/} exists; on
 * a host without either it is trusted at once, and one WARN line says so. {@code always}: trusted
 * at once.
 */
public final class ClockTrust {

  private final SyncStatus status;
  private final String waitingFor;
  private volatile boolean trusted;

  /** Production: the real file system root and sync sources. */
  private static final long KERNEL_QUERY_INTERVAL_NANOS = 60_000_000_000L;

  public static ClockTrust create(Trust mode) {
    return create(mode, Path.of("/"));
  }

  /**
   * @param root where {@code run/systemd/timesync} and {@code run/chrony} are looked for; {@code /}
   *     in production
   */
  public static ClockTrust create(Trust mode, Path root) {
    TimesyncdFlag flag = new TimesyncdFlag(root);
    TimedatectlStatus kernel = new TimedatectlStatus();
    // the flag file is a stat per round; timedatectl is a process, asked at most once a minute
    // (an offline Pi may wait for NTP for days)
    long[] lastAsked = {System.nanoTime() - KERNEL_QUERY_INTERVAL_NANOS};
    SyncStatus kernelNowAndThen = () -> {
      long now = System.nanoTime();
      if (now - lastAsked[0] < KERNEL_QUERY_INTERVAL_NANOS) {
        return false;
      }
      lastAsked[0] = now;
      return kernel.isSynchronized();
    };
    SyncStatus either = () -> flag.isSynchronized() || kernelNowAndThen.isSynchronized();
    return new ClockTrust(mode, root, either, flag + " or " + kernel);
  }

  /**
   * @param root where auto mode looks for a sync service
   * @param status the sync source for {@code sync}, and for {@code auto} where a service runs
   * @param statusName what the log says the agent waits for
   */
  public ClockTrust(Trust mode, Path root, SyncStatus status, String statusName) {
    this.status = status;
    this.waitingFor = statusName;
    switch (mode) {
      case ALWAYS -> trusted = true;
      case SYNC -> trusted = false;
      case AUTO -> {
        Path timesyncd = root.resolve("run/systemd/timesync");
        Path chrony = root.resolve("run/chrony");
        if (Files.isDirectory(timesyncd) || Files.isDirectory(chrony)) {
          trusted = false;
        } else {
          trusted = true;
          Logger.warn(
              "clock: no time-sync service found ({} and {} are absent); trusting the wall clock as it is"
                  + " ([clock] trust = \"auto\"); readings carry whatever time this host has",
              timesyncd, chrony);
        }
      }
      default -> throw new IllegalArgumentException("unknown trust mode " + mode);
    }
    if (!trusted) {
      Logger.info("clock: not trusted yet; readings are kept and re-stamped once {} reports synchronized", waitingFor);
    }
  }

  /** Whether the wall clock is trusted; never blocks. */
  public boolean isTrusted() {
    return trusted;
  }

  /**
   * Asks the sync source unless already trusted; may block for a moment.
   *
   * @return whether the wall clock is trusted now
   */
  public boolean check() {
    if (!trusted && status.isSynchronized()) {
      trusted = true;
      Logger.info("clock: synchronized ({}); the wall clock is trusted from now on", waitingFor);
    }
    return trusted;
  }
}
