package org.sensoragent.agent.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.config.ClockConfig.Trust;
import org.sensoragent.agent.fakes.CaptureWriter;

class ClockTrustTest {

  @TempDir Path root;
  private final AtomicBoolean synced = new AtomicBoolean();

  @BeforeEach
  void clearLog() {
    CaptureWriter.clear();
  }

  @Test
  void autoOnAHostWithoutASyncServiceTrustsAtOnceAndSaysSoOnce() {
    ClockTrust trust = ClockTrust.create(Trust.AUTO, root);

    assertTrue(trust.isTrusted());
    assertTrue(trust.check());
    List<String> warnings = CaptureWriter.lines("no time-sync service found");
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("WARN"));
  }

  @Test
  void autoWithTimesyncdWaitsForItsSynchronizedFlag() throws Exception {
    Files.createDirectories(root.resolve("run/systemd/timesync"));
    ClockTrust trust = new ClockTrust(Trust.AUTO, root, new TimesyncdFlag(root), "timesyncd");

    assertFalse(trust.check());
    Files.createFile(root.resolve("run/systemd/timesync/synchronized"));
    assertTrue(trust.check());
    assertTrue(trust.isTrusted());
    assertEquals(0, CaptureWriter.lines("no time-sync service").size());
  }

  @Test
  void autoWithChronyWaitsForTheKernel() throws Exception {
    Files.createDirectories(root.resolve("run/chrony"));
    ClockTrust trust = new ClockTrust(Trust.AUTO, root, synced::get, "kernel");

    assertFalse(trust.check());
    synced.set(true);
    assertTrue(trust.check());
  }

  @Test
  void syncWaitsEvenWhereNoServiceRunsAndStaysTrustedOnceTrusted() {
    ClockTrust trust = new ClockTrust(Trust.SYNC, root, synced::get, "kernel");

    assertFalse(trust.isTrusted());
    assertFalse(trust.check());
    synced.set(true);
    assertFalse(trust.isTrusted(), "isTrusted only reports; check asks");
    assertTrue(trust.check());
    synced.set(false);
    assertTrue(trust.check());
    assertEquals(1, CaptureWriter.lines("clock: synchronized").size());
  }

  @Test
  void alwaysTrustsAtOnceWithoutAWarning() {
    ClockTrust trust = new ClockTrust(Trust.ALWAYS, root, synced::get, "kernel");

    assertTrue(trust.isTrusted());
    assertEquals(0, CaptureWriter.lines("WARN").size());
  }

  @Test
  void timedatectlCountsOnlyAYes() {
    assertTrue(new TimedatectlStatus(List.of("sh", "-c", "echo yes")).isSynchronized());
    assertFalse(new TimedatectlStatus(List.of("sh", "-c", "echo no")).isSynchronized());
    assertFalse(new TimedatectlStatus(List.of("sh", "-c", "echo yes; exit 1")).isSynchronized());
    assertFalse(new TimedatectlStatus(List.of("/nonexistent/timedatectl")).isSynchronized());
  }
}
