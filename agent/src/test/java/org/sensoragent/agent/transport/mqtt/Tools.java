package org.sensoragent.agent.transport.mqtt;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the command-line tools the integration tests drive; a missing one fails, naming its Debian package. */
public final class Tools {

  private Tools() {}

  /** @return the tool's path; throws AssertionError (test failure, never a skip) when it is missing */
  public static Path require(String command, String debianPackage) {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(command + " is not installed: apt-get install " + debianPackage
        + " (the MQTT integration tests need a real broker and the openssl CLI)");
  }
}
