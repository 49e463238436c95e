package org.sensoragent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.drivers.i2c.I2cOpener;
import org.sensoragent.drivers.tmp102.Tmp102Emulator;

class ReadCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void printsEveryQuantityOfEverySensorWithItsUnit() throws Exception {
    Tmp102Emulator desk = new Tmp102Emulator("i2c-1/0x48").setTemperature(-10.0625);
    I2cOpener bus = (busNumber, address) -> {
      if (busNumber == 1 && address == 0x48) {
        return desk;
      }
      throw new IOException("i2c-" + busNumber + "/0x" + Integer.toHexString(address) + ": no device");
    };
    writeConfig(
        "[[sensor]]\nname = \"desk\"\ntype = \"tmp102\"\naddress = 0x48\n"
            + "[[sensor]]\nname = \"env\"\ntype = \"simulated\"\nquantities = [\"temperature\", \"pressure\"]\n");

    int code = new ReadCommand(out, bus).run(args());

    assertEquals(ExitCode.OK, code, output());
    List<String> lines = output().lines().toList();
    assertEquals("sensor       type          quantity            value unit", lines.get(0));
    assertEquals("desk         tmp102        temperature       -10.063 Cel", lines.get(1));
    assertTrue(lines.get(2).startsWith("env          simulated     temperature "), lines.get(2));
    assertTrue(lines.get(3).startsWith("env          simulated     pressure ") && lines.get(3).endsWith(" Pa"), lines.get(3));
  }

  @Test
  void aMissingSensorIsOneLineAndTheOthersAreStillRead() throws Exception {
    Path w1 = Files.createDirectories(dir.resolve("w1"));
    writeConfig(
        "[paths]\nw1 = \"" + w1 + "\"\n"
            + "[[sensor]]\nname = \"window\"\ntype = \"ds18b20\"\nid = \"28-0316a2794bff\"\n"
            + "[[sensor]]\nname = \"desk\"\ntype = \"tmp102\"\n"
            + "[[sensor]]\nname = \"air\"\ntype = \"simulated\"\n");
    I2cOpener noBus = (busNumber, address) -> {
      throw new IOException("i2c-1/0x48: /dev/i2c-1 does not exist");
    };

    int code = new ReadCommand(out, noBus).run(args());

    assertEquals(ExitCode.FAILURE, code);
    List<String> lines = output().lines().toList();
    assertEquals(4, lines.size(), output());
    assertTrue(lines.get(1).startsWith("window       ds18b20       error: "), lines.get(1));
    assertTrue(lines.get(1).contains("28-0316a2794bff"), lines.get(1));
    assertEquals("desk         tmp102        error: i2c-1/0x48: /dev/i2c-1 does not exist", lines.get(2));
    assertTrue(lines.get(3).startsWith("air          simulated     temperature "), lines.get(3));
  }

  @Test
  void aBrokenConfigIsAUsageErrorNamingTheLine() throws Exception {
    writeConfig("[[sensor]]\nname = \"desk\"\ntype = \"tmp102\"\naddress = 0x20\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine commandLine =
        new CommandLine(List.of(new ReadCommand(out, (b, a) -> null)), out, new PrintStream(err, true, StandardCharsets.UTF_8));

    int code = commandLine.run(List.of("read", "--config", dir.resolve("agent.toml").toString()));

    assertEquals(ExitCode.USAGE, code);
    assertEquals(
        "sensor-agent read: " + dir.resolve("agent.toml") + " line 4: sensor.address 0x20 is outside the tmp102's range 0x48–0x4B\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownOptionIsAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine commandLine =
        new CommandLine(List.of(new ReadCommand(out, (b, a) -> null)), out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(ExitCode.USAGE, commandLine.run(List.of("read", "--confgi", "x")));
    assertEquals("sensor-agent read: unknown option \"--confgi\"\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(ExitCode.OK, commandLine.run(List.of("read", "--help")));
    assertTrue(output().contains("usage: sensor-agent read [options]"), output());
  }

  private Args args() throws UsageException {
    return Args.parse(List.of("--config", dir.resolve("agent.toml").toString()), java.util.Set.of("--config"), java.util.Set.of());
  }

  private void writeConfig(String toml) throws IOException {
    Files.writeString(dir.resolve("agent.toml"), toml);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
