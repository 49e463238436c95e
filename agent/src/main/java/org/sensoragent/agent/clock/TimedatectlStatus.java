package org.sensoragent.agent.clock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's own verdict for hosts whose sync service writes no flag file (chrony): asks
 * {@code timedatectl show -p NTPSynchronized --value}, which systemd-timedated answers from
 * {@code adjtimex(2)} (STA_UNSYNC clear). Calling adjtimex directly needs native code (JNI, JNA
 * or the Java 22 foreign-function API), which this agent avoids. Blocks up to {@link #TIMEOUT_SECONDS};
 * a missing command, a timeout or any other answer than "yes" reads as not synchronized.
 */
public final class TimedatectlStatus implements SyncStatus {

  static final long TIMEOUT_SECONDS = 3;

  private final List<String> command;

  public TimedatectlStatus() {
    this(List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value"));
  }

  /** For tests: any command whose first output line is "yes" when synchronized. */
  TimedatectlStatus(List<String> command) {
    this.command = List.copyOf(command);
  }

  @Override
  public boolean isSynchronized() {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return false; // no timedatectl on this host: nothing can tell us
    }
    try (InputStream out = process.getInputStream()) {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        return false;
      }
      String answer = new String(out.readNBytes(64), StandardCharsets.UTF_8).strip();
      return process.exitValue() == 0 && answer.equals("yes");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      process.destroy();
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }
}
