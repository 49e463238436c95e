package org.sensoragent.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sensoragent.agent.config.toml.TomlTable;

/**
 * One TOML table of a config file that remembers which keys were read, so that whatever is left
 * over is reported as unknown, with file, line and dotted key. Errors name the same three.
 */
public final class Section {

  private final Path file;
  private final String prefix;
  private final TomlTable table;
  private final int line;
  private final Set<String> read = new HashSet<>();

  /** @param line where the table starts, 0 when the document leaves it out */
  Section(Path file, String prefix, TomlTable table, int line) {
    this.file = file;
    this.prefix = prefix;
    this.table = table;
    this.line = line;
  }

  public String string(String key, String fallback) throws ConfigException {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      throw wrongType(key, "a string");
    }
    return text;
  }

  public long integer(String key, long fallback) throws ConfigException {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Long number)) {
      throw wrongType(key, "an integer");
    }
    return number;
  }

  /** An integer within {@code [min, max]}. */
  public long integer(String key, long fallback, long min, long max) throws ConfigException {
    long value = integer(key, fallback);
    if (value < min || value > max) {
      throw error(key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public boolean bool(String key, boolean fallback) throws ConfigException {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw wrongType(key, "true or false");
    }
    return flag;
  }

  /** A duration written as {@code "500ms"}, {@code "10s"}, {@code "5m"}, {@code "1h"}, {@code "2d"}; positive. */
  public Duration duration(String key, Duration fallback) throws ConfigException {
    String text = string(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A byte size: an integer, or a string such as {@code "64MiB"}, {@code "512KiB"}. */
  public long bytes(String key, long fallback) throws ConfigException {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Long number && number > 0) {
      return number;
    }
    if (value instanceof String text) {
      try {
        return ByteSizes.parse(text);
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
    }
    throw wrongType(key, "a positive integer or a size such as \"64MiB\"");
  }

  /** One of {@code allowed}, compared as written (config enums are lower case). */
  public String choice(String key, String fallback, List<String> allowed) throws ConfigException {
    String value = string(key, fallback);
    if (!allowed.contains(value)) {
      throw error(key, "must be one of " + allowed + ", was \"" + value + "\"");
    }
    return value;
  }

  public List<String> strings(String key, List<String> fallback) throws ConfigException {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof List<?> array)) {
      throw wrongType(key, "an array of strings");
    }
    List<String> result = new ArrayList<>();
    for (Object element : array) {
      if (!(element instanceof String text)) {
        throw wrongType(key, "an array of strings");
      }
      result.add(text);
    }
    return result;
  }

  public Path path(String key, Path fallback) throws ConfigException {
    String text = string(key, null);
    return text == null ? fallback : Path.of(text);
  }

  public boolean has(String key) {
    return table.contains(key);
  }

  /** A config error about {@code key}, located at its line. */
  public ConfigException error(String key, String cause) {
    return new ConfigException(where(table.lineOf(key)) + ": " + prefix + key + " " + cause);
  }

  /** A config error about the section as a whole. */
  public ConfigException error(String cause) {
    String name = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + " ";
    return new ConfigException(where(line) + ": " + name + cause);
  }

  /** @throws ConfigException for the first key (by line: the table keeps document order) that nobody read */
  public void rejectUnknownKeys() throws ConfigException {
    for (String key : table.keySet()) {
      if (!read.contains(key)) {
        throw error(key, "is not a known key");
      }
    }
  }

  private Object raw(String key) {
    read.add(key);
    return table.get(key);
  }

  private ConfigException wrongType(String key, String expected) {
    return error(key, "must be " + expected);
  }

  private String where(int at) {
    return at <= 0 ? file.toString() : file + " line " + at;
  }
}
