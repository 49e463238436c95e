package org.sensoragent.agent.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runnable {@code agent/target/sensor-agent.jar}, driven as a child JVM exactly as an operator
 * would: {@code java -jar sensor-agent.jar <command> --config F}. The jar exists when failsafe runs
 * the {@code *IT} tests in {@code mvn verify} (package comes before integration-test).
 */
final class AgentJar {

  /** Small heap and a simple collector: two cores are shared with a second build. */
  private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private AgentJar() {}

  static Path jar() {
    Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path jar = basedir.resolve("target").resolve("sensor-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is missing: the end-to-end tests run the packaged agent; run them with"
          + " `mvn -pl agent -am verify` (package builds the jar before the integration-test phase)");
    }
    return jar;
  }

  /** {@code java <options> -jar sensor-agent.jar <args>}. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  /** What a command that runs to its end printed, and its exit code. */
  record Result(int exitCode, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /** Runs a command to its end (at most {@link Await#DEADLINE}); the child is killed if it hangs. */
  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "cli-", ".out");
    Path err = Files.createTempFile(workDir, "cli-", ".err");
    Process process = new ProcessBuilder(command(args)).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("sensor-agent " + String.join(" ", args) + " did not end within "
            + Await.DEADLINE.toSeconds() + " s\n" + Files.readString(out) + Files.readString(err));
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
