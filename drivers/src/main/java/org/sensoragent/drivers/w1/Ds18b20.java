package org.sensoragent.drivers.w1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;

/**
 * A 1-Wire temperature sensor (DS18B20 and its kin) read through the kernel's {@code w1_therm}
 * sysfs file {@code <w1DevicesRoot>/<id>/w1_slave}. Each {@link #read()} blocks while the kernel
 * runs a conversion (up to 750 ms at 12 bits).
 *
 * <p>Rejected, never returned as readings: the kernel's CRC verdict {@code NO}; a scratchpad of
 * all {@code ff} or all {@code 00} (no sensor answering); -127 °C (w1_therm's "disconnected");
 * exactly 85.000 °C, the power-on value of the temperature register (datasheet, "Operation —
 * Measuring Temperature"), which means no conversion ran; values outside -55..125 °C.
 */
public final class Ds18b20 implements Sensor {

  /** Where the kernel lists 1-Wire slaves. */
  public static final Path SYSFS_W1_DEVICES = Path.of("/sys/bus/w1/devices");

  /** 1-Wire family codes that {@code w1_therm} reads as temperature sensors. */
  static final Map<String, String> TEMPERATURE_FAMILIES = Map.of(
      "28", "DS18B20", "10", "DS18S20", "22", "DS1822", "3b", "DS1825", "42", "DS28EA00");
  static final int POWER_ON_MILLI_CELSIUS = 85_000;
  static final int DISCONNECTED_MILLI_CELSIUS = -127_000;
  static final int MIN_MILLI_CELSIUS = -55_000;
  static final int MAX_MILLI_CELSIUS = 125_000;

  private static final Pattern ID = Pattern.compile("(" + String.join("|", TEMPERATURE_FAMILIES.keySet()) + ")-[0-9a-f]{12}");

  private final String id;
  private final String chip;
  private final Path w1Slave;

  /**
   * Does no I/O: a sensor that is absent now fails its reads, and may come back.
   *
   * @throws IllegalArgumentException when {@code id} is not a 1-Wire temperature sensor's id
   *     ({@code 28-0316a2794bff}); a config error
   */
  public Ds18b20(Path w1DevicesRoot, String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a 1-Wire temperature sensor id: \"" + id
          + "\" (expected family 28, 10, 22, 3b or 42, then 12 hex digits, e.g. 28-0316a2794bff)");
    }
    this.id = id;
    this.chip = TEMPERATURE_FAMILIES.get(id.substring(0, 2));
    this.w1Slave = w1DevicesRoot.resolve(id).resolve("w1_slave");
  }

  /** Ids of the 1-Wire temperature sensors under {@code w1DevicesRoot}, sorted; empty if none. */
  public static List<String> scan(Path w1DevicesRoot) {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(w1DevicesRoot)) {
      return ids;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(w1DevicesRoot)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (ID.matcher(name).matches()) {
          ids.add(name);
        }
      }
    } catch (IOException e) {
      return List.of(); // an unreadable directory lists no sensor we could read
    }
    ids.sort(null);
    return ids;
  }

  @Override
  public List<Measurement> read() throws SensorException {
    String content;
    try {
      content = Files.readString(w1Slave, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw fail("no " + w1Slave + " (sensor unplugged, or w1-gpio/w1_therm not loaded?)", e);
    } catch (IOException e) {
      throw fail("cannot read " + w1Slave + ": " + e, e);
    }
    W1Slave slave;
    try {
      slave = W1Slave.parse(content);
    } catch (IllegalArgumentException e) {
      throw fail("unparsable w1_slave: " + e.getMessage(), e);
    }
    if (!slave.crcValid()) {
      throw fail("CRC mismatch (kernel says crc NO; noisy bus or weak pull-up?)", null);
    }
    if (slave.scratchpadAll(0xFF) || slave.scratchpadAll(0x00)) {
      throw fail(String.format("scratchpad reads all %02x: sensor not answering",
          slave.scratchpad()[0] & 0xFF), null);
    }
    int milliCelsius = slave.milliCelsius();
    if (milliCelsius == DISCONNECTED_MILLI_CELSIUS) {
      throw fail("-127 °C: sensor disconnected", null);
    }
    if (milliCelsius == POWER_ON_MILLI_CELSIUS) {
      throw fail("85.000 °C is the power-on value: no conversion ran (power or parasite-power"
          + " fault)", null);
    }
    if (milliCelsius < MIN_MILLI_CELSIUS || milliCelsius > MAX_MILLI_CELSIUS) {
      throw fail(String.format("implausible temperature %.3f °C", milliCelsius / 1000.0), null);
    }
    return List.of(Measurement.celsius(milliCelsius / 1000.0));
  }

  /** The sensor's 1-Wire id, {@code 28-0316a2794bff}. */
  public String id() {
    return id;
  }

  private SensorException fail(String cause, Exception e) {
    return new SensorException(chip + " " + id + ": " + cause, e);
  }
}
