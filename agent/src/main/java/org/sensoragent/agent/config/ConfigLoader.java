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
import org.sensoragent.agent.config.toml.Toml;
import org.sensoragent.agent.config.toml.TomlException;
import org.sensoragent.agent.config.toml.TomlTable;

/** Reads {@code agent.toml} (TOML 1.0), strictly: unknown keys are errors with their line. */
public final class ConfigLoader {

  private static final List<String> SECTIONS =
      List.of("device", "sensor", "queue", "clock", "paths", "mqtt", "forward", "log");

  private ConfigLoader() {}

  public static AgentConfig load(Path file) throws ConfigException {
    TomlTable toml;
    try {
      toml = Toml.parse(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file (give another with --config)");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    } catch (TomlException e) {
      throw syntaxError(file, e);
    }
    return fromToml(file, toml);
  }

  /**
   * Reads a config held in memory, such as the {@code demo} command's embedded one.
   *
   * @param name what error messages call it, in place of a file name
   */
  public static AgentConfig parse(String text, Path name) throws ConfigException {
    try {
      return fromToml(name, Toml.parse(text));
    } catch (TomlException e) {
      throw syntaxError(name, e);
    }
  }

  /** A file that is not TOML, named with its line, like every other config error. */
  public static ConfigException syntaxError(Path file, TomlException e) {
    return new ConfigException(file + " line " + e.line() + ": " + e.getMessage(), e);
  }

  private static AgentConfig fromToml(Path file, TomlTable toml) throws ConfigException {
    Set<String> unknown = new TreeSet<>(toml.keySet());
    unknown.removeAll(SECTIONS);
    if (!unknown.isEmpty()) {
      String key = unknown.iterator().next();
      throw new ConfigException(
          file + " line " + toml.lineOf(key) + ": " + key + " is not a known section or key (known: " + SECTIONS + ")");
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
    Object value = toml.get(name);
    if (value != null && !(value instanceof TomlTable)) {
      throw new ConfigException(file + " line " + toml.lineOf(name) + ": " + name + " must be a [" + name + "] table");
    }
    TomlTable table = value == null ? TomlTable.empty() : (TomlTable) value;
    return new Section(file, name + ".", table, toml.lineOf(name));
  }

  private static List<SensorConfig> sensors(Path file, TomlTable toml) throws ConfigException {
    Object value = toml.get("sensor");
    if (value == null) {
      throw new ConfigException(file + ": no [[sensor]] configured; at least one is needed");
    }
    if (!(value instanceof List<?> array) || !allTables(array)) {
      throw new ConfigException(file + " line " + toml.lineOf("sensor") + ": sensor must be written [[sensor]]");
    }
    List<SensorConfig> sensors = new ArrayList<>();
    Map<String, Integer> lineOfName = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      TomlTable table = (TomlTable) array.get(i);
      SensorConfig sensor = SensorConfig.from(new Section(file, "sensor.", table, table.line()));
      Integer earlier = lineOfName.putIfAbsent(sensor.name(), table.line());
      if (earlier != null) {
        throw new ConfigException(
            file + " line " + table.lineOf("name") + ": sensor.name \"" + sensor.name()
                + "\" is used twice (first at line " + earlier + ")");
      }
      sensors.add(sensor);
    }
    return List.copyOf(sensors);
  }


  private static boolean allTables(List<?> array) {
    for (Object element : array) {
      if (!(element instanceof TomlTable)) {
        return false;
      }
    }
    return true;
  }
}
