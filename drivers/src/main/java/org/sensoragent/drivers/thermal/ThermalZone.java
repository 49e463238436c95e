package org.sensoragent.drivers.thermal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;

/**
 * A Linux thermal zone, {@code <thermalRoot>/<zone>/temp}: the temperature in millidegrees
 * Celsius, one integer (the kernel's sysfs ABI, Documentation/ABI/testing/sysfs-class-thermal).
 * On a Pi, {@code thermal_zone0} is the SoC. A read does not block beyond the file read.
 */
public final class ThermalZone implements Sensor {

  /** Where the kernel lists thermal zones. */
  public static final Path SYSFS_THERMAL = Path.of("/sys/class/thermal");

  /** A SoC outside this range is a driver fault, not a temperature. */
  static final int MIN_MILLI_CELSIUS = -55_000;
  static final int MAX_MILLI_CELSIUS = 150_000;

  private static final Pattern ZONE = Pattern.compile("thermal_zone(\\d{1,4})");

  private final String zone;
  private final Path temp;

  /** Does no I/O. {@code zone} is a directory name such as {@code thermal_zone0}. */
  public ThermalZone(Path thermalRoot, String zone) {
    if (!ZONE.matcher(zone).matches()) {
      throw new IllegalArgumentException("not a thermal zone name: \"" + zone
          + "\" (expected thermal_zoneN)");
    }
    this.zone = zone;
    this.temp = thermalRoot.resolve(zone).resolve("temp");
  }

  /** The {@code thermal_zoneN} directories under {@code thermalRoot}, by N; empty if none. */
  public static List<String> scan(Path thermalRoot) {
    List<String> zones = new ArrayList<>();
    if (!Files.isDirectory(thermalRoot)) {
      return zones;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(thermalRoot, "thermal_zone*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (ZONE.matcher(name).matches()) {
          zones.add(name);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    zones.sort(Comparator.comparingInt(name -> Integer.parseInt(name.substring(12))));
    return zones;
  }

  @Override
  public List<Measurement> read() throws SensorException {
    String content;
    try {
      content = Files.readString(temp, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      throw fail("no " + temp, e);
    } catch (IOException e) {
      // Some zones (e.g. a powered-down Wi-Fi chip) answer EINVAL or ENODATA.
      throw fail("cannot read " + temp + ": " + e, e);
    }
    int milliCelsius;
    try {
      milliCelsius = Integer.parseInt(content);
    } catch (NumberFormatException e) {
      throw fail("unparsable temp \"" + (content.length() > 40 ? content.substring(0, 40) : content)
          + "\" (expected millidegrees Celsius)", e);
    }
    if (milliCelsius < MIN_MILLI_CELSIUS || milliCelsius > MAX_MILLI_CELSIUS) {
      throw fail(String.format("implausible temperature %.3f °C", milliCelsius / 1000.0), null);
    }
    return List.of(Measurement.celsius(milliCelsius / 1000.0));
  }

  private SensorException fail(String cause, Exception e) {
    return new SensorException("thermal zone " + zone + ": " + cause, e);
  }
}
