package org.sensoragent.drivers.w1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorContract;
import org.sensoragent.drivers.SensorException;

class Ds18b20Test {

  private static final String ID = "28-0316a2794bff";

  @TempDir Path temp;

  /** A writable copy of {@code src/test/resources/w1/<fixture>/devices}. */
  static Path devices(Path temp, String fixture) throws IOException, URISyntaxException {
    Path source = Path.of(Ds18b20Test.class.getResource("/w1/" + fixture + "/devices").toURI());
    Path target = temp.resolve(fixture);
    try (Stream<Path> files = Files.walk(source)) {
      files.forEach(file -> {
        try {
          Files.copy(file, target.resolve(source.relativize(file).toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return target;
  }

  @Test
  void readsTheTemperature() throws Exception {
    List<Measurement> m = new Ds18b20(devices(temp, "ok"), ID).read();

    assertEquals(List.of(Measurement.celsius(23.125)), m);
  }

  @Test
  void readsADs18s20Too() throws Exception {
    assertEquals(22.5, new Ds18b20(devices(temp, "ok"), "10-000802d4a1f2").read().get(0).value());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "crc-no          | DS18B20 28-0316a2794bff: CRC mismatch",
    "power-on-85     | DS18B20 28-0316a2794bff: 85.000 °C is the power-on value",
    "disconnected    | DS18B20 28-0316a2794bff: -127 °C: sensor disconnected",
    "disconnected-ff | DS18B20 28-0316a2794bff: CRC mismatch",
    "garbage         | DS18B20 28-0316a2794bff: unparsable w1_slave",
    "no-devices      | DS18B20 28-0316a2794bff: no "})
  void refusesToTurnAFaultIntoAReading(String fixture, String message) throws Exception {
    Ds18b20 sensor = new Ds18b20(devices(temp, fixture), ID);

    SensorException e = assertThrows(SensorException.class, sensor::read);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void allFfWithAValidCrcVerdictIsStillAnError() throws Exception {
    Path root = devices(temp, "ok");
    Files.writeString(root.resolve(ID).resolve("w1_slave"),
        "ff ff ff ff ff ff ff ff ff : crc=ff YES\nff ff ff ff ff ff ff ff ff t=-62\n");

    SensorException e = assertThrows(SensorException.class, new Ds18b20(root, ID)::read);
    assertEquals("DS18B20 28-0316a2794bff: scratchpad reads all ff: sensor not answering",
        e.getMessage());
  }

  @Test
  void aSensorThatVanishesBetweenScanAndReadIsAnError() throws Exception {
    Path root = devices(temp, "ok");
    List<String> found = Ds18b20.scan(root);
    Ds18b20 sensor = new Ds18b20(root, found.get(found.indexOf(ID)));

    Files.delete(root.resolve(ID).resolve("w1_slave"));
    Files.delete(root.resolve(ID));

    SensorException e = assertThrows(SensorException.class, sensor::read);
    assertTrue(e.getMessage().contains("sensor unplugged"), e.getMessage());
  }

  @Test
  void scanFindsOnlyTemperatureFamiliesSorted() throws Exception {
    assertEquals(List.of("10-000802d4a1f2", ID), Ds18b20.scan(devices(temp, "ok")));
  }

  @Test
  void scanOfABusWithoutSensorsOrWithoutW1IsEmpty() throws Exception {
    assertEquals(List.of(), Ds18b20.scan(devices(temp, "no-devices")));
    assertEquals(List.of(), Ds18b20.scan(temp.resolve("no-such-dir")));
  }

  @Test
  void aMalformedIdIsAConfigError() {
    assertThrows(IllegalArgumentException.class, () -> new Ds18b20(temp, "01-00000f3c2e4b"));
    assertThrows(IllegalArgumentException.class, () -> new Ds18b20(temp, "../etc"));
  }

  @Nested
  class Contract extends SensorContract {
    @TempDir Path contractTemp;

    @Override
    protected Sensor newSensor() throws Exception {
      Path root = contractTemp.resolve("w1-" + System.nanoTime());
      Files.createDirectories(root);
      return new Ds18b20(devices(root, "ok"), ID);
    }

    @Override
    protected Set<Quantity> quantities() {
      return Set.of(Quantity.TEMPERATURE);
    }
  }
}
