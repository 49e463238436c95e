package org.sensoragent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir Path thermal;

  @Test
  void packsOfEverySensorReachTheReceiverAndNothingIsLeftBehind() throws Exception {
    Path zone = Files.createDirectories(thermal.resolve("thermal_zone0"));
    Files.writeString(zone.resolve("temp"), "48312\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<Path> demoDirsBefore = demoDirs();

    int code = new DemoCommand(out, thermal)
        .run(Args.parse(List.of("--duration", "7s"), Set.of("--duration"), Set.of()));

    assertEquals(ExitCode.OK, code);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("receiver got [{\"bn\":\"urn:dev:sensor-agent:demo-1:\""), text);
    assertTrue(text.contains("\"n\":\"air/temperature\",\"u\":\"Cel\""), text);
    assertTrue(text.contains("\"n\":\"air/humidity\",\"u\":\"%RH\""), text);
    assertTrue(text.contains("\"n\":\"desk/pressure\",\"u\":\"Pa\""), text);
    assertTrue(text.contains("\"n\":\"thermal_zone0/temperature\",\"u\":\"Cel\",\"v\":48.312"), text);
    assertEquals(demoDirsBefore, demoDirs(), "the temporary queue and PSK are removed");
  }

  @Test
  void aBadDurationIsAUsageError() {
    UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
        () -> new DemoCommand(System.out, thermal).run(Args.parse(List.of("--duration", "soon"), Set.of("--duration"), Set.of())));
    assertTrue(e.getMessage().startsWith("--duration must be a duration"), e.getMessage());
  }

  private static List<Path> demoDirs() throws Exception {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("sensor-agent-demo-")).sorted().toList();
    }
  }
}
