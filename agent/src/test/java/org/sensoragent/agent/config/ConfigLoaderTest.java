package org.sensoragent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensoragent.drivers.Quantity;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void theSampleConfigLoadsWithEveryKeyItDocuments() throws Exception {
    AgentConfig config = ConfigLoader.load(Path.of("../certs-sample/agent.toml"));

    assertEquals(new DeviceConfig("office", "meeting-room-1"), config.device());
    assertEquals(List.of("air", "desk"), config.sensors().stream().map(SensorConfig::name).toList());
    SensorConfig air = config.sensors().get(0);
    assertEquals(SensorType.SIMULATED, air.type());
    assertEquals(List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY), air.quantities());
    assertEquals(Duration.ofSeconds(5), air.interval());
    assertEquals(128L << 20, config.queue().maxBytes());
    assertEquals(ClockConfig.Trust.AUTO, config.clock().trust());
    assertEquals(Duration.ofMinutes(5), config.forward().backoffMax());
  }

  @Test
  void everyKeyHasADefault() throws Exception {
    AgentConfig config = load("[[sensor]]\nname = \"a\"\ntype = \"simulated\"\n");

    assertEquals(QueueConfig.DEFAULT_PATH, config.queue().path());
    assertEquals("full", config.queue().synchronous());
    assertEquals("{site}/{room}/{sensor}/{quantity}", config.mqtt().topic());
    assertEquals(1, config.mqtt().qos());
    assertEquals(Duration.ofSeconds(10), config.sensors().get(0).interval());
    assertEquals(Path.of("/etc/sensor-agent/provisioning"), config.paths().provisioning());
  }

  @Test
  void readsI2cAddressesWrittenInHex() throws Exception {
    AgentConfig config = load("[[sensor]]\nname = \"desk\"\ntype = \"tmp102\"\nbus = 1\naddress = 0x49\n");

    assertEquals(0x49, config.sensors().get(0).address());
    assertEquals(1, config.sensors().get(0).bus());
  }

  @Test
  void anUnknownKeyNamesFileLineAndKey() {
    String message = error("[queue]\npath = \"/tmp/q.db\"\nmax_reading = 5\n" + SENSOR);
    assertEquals(file() + " line 3: queue.max_reading is not a known key", message);
  }

  @Test
  void anUnknownSensorKeyNamesItsLine() {
    String message = error("[[sensor]]\nname = \"a\"\ntype = \"simulated\"\nintervall = \"5s\"\n");
    assertEquals(file() + " line 4: sensor.intervall is not a known key", message);
  }

  @Test
  void aKeyThatItsTypeDoesNotUseIsUnknown() {
    String message = error("[[sensor]]\nname = \"a\"\ntype = \"ds18b20\"\nid = \"28-0316a2794bff\"\naddress = 0x48\n");
    assertEquals(file() + " line 5: sensor.address is not a known key", message);
  }

  @Test
  void anUnknownSectionIsAnError() {
    assertEquals(file() + " line 1: mqqt is not a known section or key (known: [device, sensor, queue, clock, paths, mqtt, forward, log])",
        error("[mqqt]\nqos = 1\n" + SENSOR));
  }

  @Test
  void aWrongTypeNamesTheKey() {
    assertEquals(file() + " line 2: mqtt.qos must be an integer", error("[mqtt]\nqos = \"1\"\n" + SENSOR));
  }

  @Test
  void aDuplicateSensorNameNamesBothLines() {
    String message = error(SENSOR + "\n[[sensor]]\nname = \"air\"\ntype = \"simulated\"\n");
    assertEquals(file() + " line 6: sensor.name \"air\" is used twice (first at line 1)", message);
  }

  @Test
  void anAddressOutsideTheChipsRangeIsAnError() {
    String message = error("[[sensor]]\nname = \"desk\"\ntype = \"tmp102\"\naddress = 0x40\n");
    assertEquals(file() + " line 4: sensor.address 0x40 is outside the tmp102's range 0x48–0x4B", message);
  }

  @Test
  void anUnknownSensorTypeListsTheKnownOnes() {
    String message = error("[[sensor]]\nname = \"a\"\ntype = \"ds1820\"\n");
    assertEquals(
        file() + " line 3: sensor.type must be one of [ds18b20, tmp102, mcp9808, sht3x, bme280, thermal-zone, simulated], was \"ds1820\"",
        message);
  }

  @Test
  void aBadDurationSaysWhatIsAccepted() {
    String message = error("[[sensor]]\nname = \"a\"\ntype = \"simulated\"\ninterval = \"10 seconds\"\n");
    assertEquals(
        file() + " line 4: sensor.interval must be a duration such as \"500ms\", \"10s\", \"5m\", \"1h\" or \"2d\", was \"10 seconds\"",
        message);
  }

  @Test
  void aTomlSyntaxErrorNamesItsLine() {
    String message = error(SENSOR + "[queue\n");
    assertEquals(file() + " line 4", message.substring(0, (file() + " line 4").length()));
  }

  @Test
  void aMissingFileSaysSo() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.toml")));
    assertEquals(dir.resolve("nope.toml") + ": no such file (give another with --config)", e.getMessage());
  }

  @Test
  void noSensorIsAnError() {
    assertEquals(file() + ": no [[sensor]] configured; at least one is needed", error("[device]\nsite = \"x\"\n"));
  }

  @Test
  void aSensorNameThatWouldBreakTopicsIsRefused() {
    String message = error("[[sensor]]\nname = \"air/1\"\ntype = \"simulated\"\n");
    assertEquals(
        file() + " line 2: sensor.name must be 1-64 letters, digits, '.', '_' or '-' (it becomes part of topics and SenML names), was \"air/1\"",
        message);
  }

  private static final String SENSOR = "[[sensor]]\nname = \"air\"\ntype = \"simulated\"\n";

  private Path file() {
    return dir.resolve("agent.toml");
  }

  private AgentConfig load(String toml) throws IOException, ConfigException {
    Files.writeString(file(), toml);
    return ConfigLoader.load(file());
  }

  private String error(String toml) {
    return assertThrows(ConfigException.class, () -> load(toml)).getMessage();
  }
}
