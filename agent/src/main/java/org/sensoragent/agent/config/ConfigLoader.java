package org.sensoragent.agent.config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Reads {@code agent.toml} with tomlj (TOML 1.0), strictly: unknown keys are errors with their line. */
public final class ConfigLoader {

  private static final List<String> SECTIONS =
      List.of("device", "sensor", "queue", "clock", "paths", "mqtt", "forward", "log");

  private ConfigLoader() {}

  public static AgentConfig load(Path file) throws ConfigException {
    TomlParseResult toml;
    try {
      toml = Toml.parse(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file (give another with --config)");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
    if (toml.hasErrors()) {
      TomlParseError first = toml.errors().get(0);
      throw new ConfigException(file + " line " + first.position().line() + ": " + first.getMessage());
    }
    Set<String> unknown = new TreeSet<>(toml.keySet());
    unknown.removeAll(SECTIONS);
    if (!unknown.isEmpty()) {
      String key = unknown.iterator().next();
      throw new ConfigException(
          file + " line " + toml.inputPositionOf(key).line() + ": " + key + " is not a known section or key (known: " + SECTIONS + ")");
    }
    return new AgentConfig(
            file,
            DeviceConfig.from(section(file, toml, "device")),
            sensors(file, toml),
            QueueConfig.from(section(file, toml, "queue")),
            ClockConfig.from(section(file, toml, "clock")),
            PathsConfig.from(section(file, toml, "paths")),
            MqttConfig.from(section(file, toml, "mqtt")),
            ForwardConfig.from(section(file, toml, "forward")),
            LogConfig.from(section(file, toml, "log")));
  }

  /** A [table], empty when absent; each record rejects the keys it did not read. */
  private static Section section(Path file, TomlTable toml, String name) throws ConfigException {
    Object value = toml.get(List.of(name));
    if (value != null && !(value instanceof TomlTable)) {
      throw new ConfigException(file + " line " + toml.inputPositionOf(name).line() + ": " + name + " must be a [" + name + "] table");
    }
    TomlTable table = value == null ? Toml.parse("") : (TomlTable) value;
    return new Section(file, name + ".", table, toml.inputPositionOf(name));
  }

  private static List<SensorConfig> sensors(Path file, TomlTable toml) throws ConfigException {
    Object value = toml.get(List.of("sensor"));
    if (value == null) {
      throw new ConfigException(file + ": no [[sensor]] configured; at least one is needed");
    }
    if (!(value instanceof TomlArray array) || !allTables(array)) {
      throw new ConfigException(file + " line " + toml.inputPositionOf("sensor").line() + ": sensor must be written [[sensor]]");
    }
    List<SensorConfig> sensors = new ArrayList<>();
    Map<String, Integer> lineOfName = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      TomlTable table = array.getTable(i);
      TomlPosition at = array.inputPositionOf(i);
      SensorConfig sensor = SensorConfig.from(new Section(file, "sensor.", table, at));
      Integer earlier = lineOfName.putIfAbsent(sensor.name(), at.line());
      if (earlier != null) {
        throw new ConfigException(
            file + " line " + table.inputPositionOf("name").line() + ": sensor.name \"" + sensor.name()
                + "\" is used twice (first at line " + earlier + ")");
      }
      sensors.add(sensor);
    }
    return List.copyOf(sensors);
  }


  private static boolean allTables(TomlArray array) {
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof TomlTable)) {
        return false;
      }
    }
    return true;
  }
}
