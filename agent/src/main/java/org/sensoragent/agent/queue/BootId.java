package org.sensoragent.agent.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.tinylog.Logger;

/**
 * Which boot of the machine this is. {@link System#nanoTime()} counts from boot on Linux, so a
 * monotonic time can only be turned into a wall-clock time within the boot that took it.
 */
final class BootId {

  static final Path KERNEL_FILE = Path.of("/proc/sys/kernel/random/boot_id");

  private BootId() {}

  /**
   * The kernel's boot id; where there is none (not Linux) a random id for this process, which errs
   * on the safe side: untrusted readings of an earlier process then count as undatable.
   */
  static String current() {
    try {
      return Files.readString(KERNEL_FILE, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      String standIn = "process-" + UUID.randomUUID();
      Logger.debug("no boot id at {} ({}); using {}", KERNEL_FILE, e.toString(), standIn);
      return standIn;
    }
  }
}
