package org.sensoragent.agent.config.toml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A TOML table as plain Java: keys in document order, each with the line that defined it. Values
 * are {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code OffsetDateTime},
 * {@code LocalDateTime}, {@code LocalDate}, {@code LocalTime}, {@code TomlTable}, or a read-only
 * {@code List} of these (an array, or an array of tables).
 */
public final class TomlTable {

  private static final TomlTable EMPTY = new TomlTable(0, Map.of(), Map.of());

  private final int line;
  private final Map<String, Object> values;
  private final Map<String, Integer> lines;

  private TomlTable(int line, Map<String, Object> values, Map<String, Integer> lines) {
    this.line = line;
    this.values = values;
    this.lines = lines;
  }

  /**
   * @param line where the table starts (its header), 0 if unknown
   * @param values in document order
   * @param lines the line of each key
   */
  public static TomlTable of(int line, Map<String, Object> values, Map<String, Integer> lines) {
    return new TomlTable(line, Collections.unmodifiableMap(new LinkedHashMap<>(values)), Map.copyOf(lines));
  }

  /** A table with no keys, for a section the document leaves out. */
  public static TomlTable empty() {
    return EMPTY;
  }

  /** The value of a key of this table (not a dotted path), or null. */
  public Object get(String key) {
    return values.get(key);
  }

  public boolean contains(String key) {
    return values.containsKey(key);
  }

  /** The keys in the order the document defined them. */
  public Set<String> keySet() {
    return values.keySet();
  }

  /** The line that defined {@code key} (for a table, its header), or 0 when the key is absent. */
  public int lineOf(String key) {
    return lines.getOrDefault(key, 0);
  }

  /** The line of this table's header; 0 when unknown, as for {@link #empty()}. */
  public int line() {
    return line;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
