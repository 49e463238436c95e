package org.sensoragent.agent.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit file as systemd 252 (Debian 12) reads it: its sandbox rates 2.0 or lower in {@code
 * systemd-analyze security --offline=true}, and {@code systemd-analyze verify} has nothing to say.
 * Needs the Debian package {@code systemd} on the build machine (not a running systemd).
 */
class SystemdUnitTest {

  static final double MAX_EXPOSURE = 2.0;
  private static final Pattern OVERALL = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

  @TempDir Path dir;

  @Test
  void securityExposureIsAtMostTwo() throws Exception {
    Result result = run("systemd-analyze", "security", "--offline=true", unit().toString());
    Matcher overall = OVERALL.matcher(result.output);
    if (!overall.find()) {
      fail("no exposure figure in systemd-analyze security's output (exit " + result.code + "):\n" + result.output);
    }
    double exposure = Double.parseDouble(overall.group(1));
    System.out.println("systemd-analyze security --offline=true systemd/sensor-agent.service: exposure " + exposure
        + " (at most " + MAX_EXPOSURE + " allowed)");
    assertTrue(exposure <= MAX_EXPOSURE, "exposure " + exposure + " is above " + MAX_EXPOSURE + ":\n" + result.output);
  }

  @Test
  void verifyFindsNothingToSay() throws Exception {
    // verify checks that ExecStart= exists; point it at the launcher in this checkout, not /usr/bin.
    Path launcher = unit().resolveSibling("sensor-agent").toAbsolutePath();
    String text = Files.readString(unit()).replace("ExecStart=/usr/bin/sensor-agent ", "ExecStart=" + launcher + " ");
    Path copy = Files.writeString(dir.resolve("sensor-agent.service"), text);
    Result result = run("systemd-analyze", "verify", "--man=no", "--recursive-errors=no", copy.toString());
    // verify exits 0 on unknown keys and bad values too; it only warns, so its silence is the check
    assertEquals("", result.output.strip(), "systemd-analyze verify warned (exit " + result.code + ")");
    assertEquals(0, result.code);
  }

  /** systemd/sensor-agent.service, found from the module directory Maven runs tests in. */
  static Path unit() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path candidate = at.resolve("systemd/sensor-agent.service");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("systemd/sensor-agent.service not found above " + Path.of("").toAbsolutePath());
  }

  private record Result(int code, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command[0] + " is not installed: install the Debian package systemd (apt-get install systemd)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), output);
  }
}
