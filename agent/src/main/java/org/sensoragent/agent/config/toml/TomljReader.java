package org.sensoragent.agent.config.toml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Parses a document with tomlj and copies the result into {@link TomlTable}s and JDK types, so
 * that nothing of tomlj outlives the call. {@link Toml} loads this class, tomlj and its ANTLR
 * runtime in an {@link IsolatingClassLoader} of their own; it is public for that loader only.
 */
public final class TomljReader implements Function<String, Object> {

  public TomljReader() {}

  /** @return the document as a {@link TomlTable}, or the {@link TomlException} for its first error */
  @Override
  public Object apply(String text) {
    TomlParseResult result = org.tomlj.Toml.parse(text);
    if (result.hasErrors()) {
      TomlParseError first = result.errors().get(0);
      return new TomlException(first.position().line(), first.getMessage());
    }
    return table(result, 1);
  }

  private static TomlTable table(org.tomlj.TomlTable source, int line) {
    Map<String, Integer> lines = new HashMap<>();
    for (String key : source.keySet()) {
      lines.put(key, lineOf(source.inputPositionOf(List.of(key)), 0));
    }
    // tomlj keeps keys unordered; the document's order is the order of their lines
    List<String> keys = new ArrayList<>(source.keySet());
    keys.sort(Comparator.comparing((String key) -> lines.get(key)).thenComparing(Comparator.naturalOrder()));
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : keys) {
      values.put(key, value(source.get(List.of(key)), lines.get(key)));
    }
    return TomlTable.of(line, values, lines);
  }

  /** Tables and arrays are copied; scalars are already JDK types (String, Long, Double, Boolean, java.time). */
  private static Object value(Object value, int line) {
    if (value instanceof org.tomlj.TomlTable table) {
      return table(table, line);
    }
    if (value instanceof TomlArray array) {
      List<Object> elements = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        elements.add(value(array.get(i), lineOf(array.inputPositionOf(i), line)));
      }
      return Collections.unmodifiableList(elements);
    }
    return value;
  }

  private static int lineOf(TomlPosition position, int fallback) {
    return position == null ? fallback : position.line();
  }
}
