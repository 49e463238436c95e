package org.sensoragent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.agent.provisioning.Provisioning;
import org.sensoragent.agent.provisioning.ProvisioningInstaller;
import org.sensoragent.agent.provisioning.TestPki;

/**
 * A real crash: {@code provision} runs in a child JVM that stops at a named step of the install
 * and is killed there with SIGKILL. The old provisioning must be intact or restorable, and the
 * next {@code provision} must succeed.
 */
class InstallKilledTest {

  @TempDir Path root;
  private TestPki pki;
  private Device device;
  private TreeMap<String, String> old;
  private Path next;

  @BeforeEach
  void installTheOldOne() throws IOException {
    pki = new TestPki(root.resolve("operator"));
    device = new Device(root.resolve("device"));
    assertEquals(0, device.provision(pki.signed(pki.certBundle("old"))).code());
    old = device.snapshot();
    next = pki.signed(pki.pskBundle("next", "00112233445566778899aabbccddeeff"));
  }

  @Test
  void killedBetweenTheTwoRenamesIsRolledBackAndTheNextAttemptSucceeds() throws Exception {
    killAt("between-renames");

    Path dir = device.provisioning;
    assertFalse(Files.exists(dir), "the crash left no current directory");
    assertTrue(Files.exists(Path.of(dir + ".previous")) && Files.exists(Path.of(dir + ".new")));
    assertEquals(2, device.check().code(), "check names the interrupted install");
    assertTrue(device.check().err().contains("an install was interrupted"));

    assertEquals(List.of("restored " + dir + " from " + dir + ".previous (an install was interrupted between its two renames)",
        "removed the unfinished " + dir + ".new of an interrupted install"), new ProvisioningInstaller(dir).recover());
    assertEquals(old, device.snapshot(), "the old provisioning is back, whole");

    killAt("between-renames");
    Device.Run again = device.provision(next);
    assertEquals(0, again.code(), again.all());
    assertTrue(again.out().contains("restored " + dir), again.out());
    assertTrue(Files.exists(dir.resolve(Provisioning.PSK_KEY)));
    assertEquals(old.get(Provisioning.DEVICE_CERT), Files.readString(Path.of(dir + ".previous", Provisioning.DEVICE_CERT)));
    assertFalse(Files.exists(Path.of(dir + ".new")));
  }

  @Test
  void killedWhileStagingLeavesTheOldOneUntouched() throws Exception {
    killAt("staged");

    assertEquals(old, device.snapshot());
    assertEquals(0, device.check().code(), device.check().all());
    Device.Run again = device.provision(next);
    assertEquals(0, again.code(), again.all());
    assertTrue(again.out().contains("removed the unfinished"), again.out());
  }

  /** Runs provision in a child JVM paused at {@code step}, then kills it with SIGKILL. */
  private void killAt(String step) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "-D" + ProvisioningInstaller.PAUSE_PROPERTY + "=" + step, ProvisionChild.class.getName(),
        "provision", "--from", next.toString(), "--config", device.config.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
      StringBuilder seen = new StringBuilder();
      for (String line; (line = err.readLine()) != null; ) {
        seen.append(line).append('\n');
        if (line.equals("paused at " + step)) {
          child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
          assertTrue(child.waitFor(30, TimeUnit.SECONDS));
          assertEquals(137, child.exitValue(), "killed by signal 9");
          return;
        }
      }
      child.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("the child never paused at " + step + "; it said:\n" + seen);
    }
  }
}
