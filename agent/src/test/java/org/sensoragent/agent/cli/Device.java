package org.sensoragent.agent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A device in a temp folder for tests: an agent.toml whose {@code [paths] provisioning} points
 * into the folder, and the {@code provision} and {@code check} commands run as the command line
 * runs them, with their output captured.
 */
final class Device {

  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  final Path config;
  final Path provisioning;
  Clock clock = Clock.systemUTC();

  Device(Path root) throws IOException {
    Files.createDirectories(root.resolve("etc"));
    this.provisioning = root.resolve("etc/provisioning");
    this.config = root.resolve("etc/agent.toml");
    Files.writeString(config, "[[sensor]]\nname = \"air\"\ntype = \"simulated\"\n\n[paths]\nprovisioning = \""
        + provisioning + "\"\n");
  }

  Run provision(Path from, String... more) {
    List<String> argv = new ArrayList<>(List.of("provision", "--from", from.toString(), "--config", config.toString()));
    argv.addAll(List.of(more));
    return run(argv, (out, err) -> new ProvisionCommand(clock, out, err));
  }

  Run check(String... more) {
    List<String> argv = new ArrayList<>(List.of("check", "--config", config.toString()));
    argv.addAll(List.of(more));
    return run(argv, (out, err) -> new CheckCommand(clock, org.sensoragent.agent.transport.EndpointCheck::connect, out, err));
  }

  /** Every file of the provisioning directory with its content, to prove "untouched". */
  TreeMap<String, String> snapshot() throws IOException {
    TreeMap<String, String> files = new TreeMap<>();
    if (Files.isDirectory(provisioning)) {
      try (var list = Files.list(provisioning)) {
        for (Path file : list.toList()) {
          files.put(file.getFileName().toString(), Files.readString(file));
        }
      }
    }
    return files;
  }

  private interface Factory {
    Command make(PrintStream out, PrintStream err);
  }

  private static Run run(List<String> argv, Factory factory) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = new CommandLine(List.of(factory.make(outStream, errStream)), outStream, errStream).run(argv);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
