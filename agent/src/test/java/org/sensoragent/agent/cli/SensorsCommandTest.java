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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.drivers.i2c.I2cOpener;
import org.sensoragent.drivers.tmp102.Tmp102Emulator;

class SensorsCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void findsChipsOnEveryBusAnd1WireAndThermalZonesWithOneReadingEach() throws Exception {
    Path w1 = Files.createDirectories(dir.resolve("w1/28-0316a2794bff"));
    Files.writeString(w1.resolve("w1_slave"),
        "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n");
    Path zone = Files.createDirectories(dir.resolve("thermal/thermal_zone0"));
    Files.writeString(zone.resolve("temp"), "47236\n");
    Tmp102Emulator desk = new Tmp102Emulator("i2c-1/0x49").setTemperature(21.5);
    I2cOpener bus = (busNumber, address) -> {
      if (busNumber == 1 && address == 0x49) {
        return desk;
      }
      throw new IOException("nothing at 0x" + Integer.toHexString(address));
    };
    Files.writeString(dir.resolve("agent.toml"),
        "[paths]\nw1 = \"" + dir.resolve("w1") + "\"\nthermal = \"" + dir.resolve("thermal") + "\"\n"
            + "[[sensor]]\nname = \"air\"\ntype = \"simulated\"\n");

    int code = new SensorsCommand(out, () -> List.of(1), bus).run(args());

    assertEquals(ExitCode.OK, code);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("tmp102 i2c-1/0x49 tmp102        temperature        21.500 Cel"), text);
    assertTrue(text.contains("28-0316a2794bff ds18b20       temperature        23.125 Cel"), text);
    assertTrue(text.contains("thermal_zone0 thermal-zone  temperature        47.236 Cel"), text);
    assertTrue(text.endsWith("3 sensor(s) found\n"), text);
  }

  @Test
  void saysHowToEnableBusesThatAreAbsent() throws Exception {
    Files.writeString(dir.resolve("agent.toml"),
        "[paths]\nw1 = \"" + dir.resolve("none") + "\"\nthermal = \"" + dir.resolve("none") + "\"\n"
            + "[[sensor]]\nname = \"air\"\ntype = \"simulated\"\n");

    int code = new SensorsCommand(out, List::of, (b, a) -> {
      throw new IOException("no bus");
    }).run(args());

    assertEquals(ExitCode.OK, code);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("dtparam=i2c_arm=on"), text);
    assertTrue(text.contains("dtoverlay=w1-gpio"), text);
    assertTrue(text.endsWith("0 sensor(s) found\n"), text);
  }

  private Args args() throws UsageException {
    return Args.parse(List.of("--config", dir.resolve("agent.toml").toString()), Set.of("--config"), Set.of());
  }
}
