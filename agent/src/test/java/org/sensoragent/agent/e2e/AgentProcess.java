package org.sensoragent.agent.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code sensor-agent run --config F} as a child JVM, with its journal (standard output, one
 * {@code <N>}-prefixed line per event) and standard error collected as they come. Ended by
 * {@link #terminate()} (SIGTERM, like systemd), {@link #kill9()}, or {@link #close()} whatever
 * happened. Thread-safe for reading the lines.
 */
final class AgentProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final List<String> journal = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();

  private AgentProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    readers.add(collect(process.getInputStream(), journal, "stdout"));
    readers.add(collect(process.getErrorStream(), errors, "stderr"));
  }

  /** Starts {@code run --config config} with {@code workDir} as its working directory. */
  static AgentProcess run(String name, Path workDir, Path config) throws IOException {
    Process process = new ProcessBuilder(AgentJar.command("run", "--config", config.toString()))
        .directory(workDir.toFile()).start();
    return new AgentProcess(name, process);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Every journal line so far. */
  List<String> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  List<String> journal(Predicate<String> filter) {
    return journal().stream().filter(filter).toList();
  }

  long count(Predicate<String> filter) {
    return journal(filter).size();
  }

  String stderr() {
    synchronized (errors) {
      return String.join("\n", errors);
    }
  }

  /** Waits for a journal line; fails with the whole journal when it does not come or the agent died. */
  String awaitLine(String what, Predicate<String> line) throws Exception {
    Await.until(name + " to log " + what, () -> {
      if (!journal(line).isEmpty()) {
        return true;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before logging " + what + "\n" + dump());
      }
      return false;
    }, this::dump);
    return journal(line).get(0);
  }

  /** SIGKILL: no shutdown hook, no flush; returns once the process is gone. */
  void kill9() throws Exception {
    process.toHandle().destroyForcibly();
    if (!process.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL");
    }
    joinReaders();
  }

  /**
   * SIGTERM, as systemd stops the service, then waits for the exit (at most {@link Await#DEADLINE}:
   * a hang guard, not a speed assertion).
   *
   * @return the exit code
   */
  int terminate() throws Exception {
    // the handle, not Process.destroy(): that also closes our end of the child's stdout, and the
    // lines logged while it stops (the final summary) would be lost
    process.toHandle().destroy();
    if (!process.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not stop within " + Await.DEADLINE.toSeconds() + " s of SIGTERM\n" + dump());
    }
    joinReaders();
    return process.exitValue();
  }

  /** The journal and standard error, for failure messages. */
  String dump() {
    return "--- " + name + " journal (pid " + process.pid() + ")\n" + String.join("\n", journal())
        + "\n--- " + name + " stderr\n" + stderr() + "\n";
  }

  /** Kills the child if it still runs; for @AfterEach, after a failure too. */
  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private void joinReaders() throws InterruptedException {
    for (Thread reader : readers) {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  private Thread collect(InputStream stream, List<String> into, String which) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (into) {
            into.add(line);
          }
        }
      } catch (IOException e) {
        // the process ended; what it printed is kept
      }
    }, name + "-" + which);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
