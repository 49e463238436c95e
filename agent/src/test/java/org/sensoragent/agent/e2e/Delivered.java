package org.sensoragent.agent.e2e;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the back end received: every SenML record of every pack, in arrival order, with duplicates
 * (delivery is at least once; consumers key on {@code (n, time)}). Parses exactly the SenML form
 * the agent emits (DESIGN.md "Payload"): a base name and base time on the first record, then
 * {@code n}, {@code u}, {@code v}, {@code t}. Thread-safe.
 */
final class Delivered {

  /** One record: {@code n}, its time ({@code bt + t}) in epoch milliseconds, its value, its pack. */
  record Record(String name, long millis, double value, int pack) {}

  private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|[-+0-9.eE]+)");

  private final String baseName;
  private final List<Record> records = new ArrayList<>();
  private final List<String> foreign = new ArrayList<>();
  private int packs;

  /** @param baseName {@code urn:dev:sensor-agent:<device>:}; packs from another device are kept apart */
  Delivered(String baseName) {
    this.baseName = baseName;
  }

  /** Adds one SenML pack; other payloads (the retained {@code online}/{@code offline} status) are ignored. */
  synchronized void add(String payload) {
    if (!payload.startsWith("[")) {
      return;
    }
    int pack = packs++;
    String bn = null;
    BigDecimal bt = BigDecimal.ZERO;
    Matcher object = OBJECT.matcher(payload);
    while (object.find()) {
      Map<String, String> fields = new TreeMap<>();
      Matcher field = FIELD.matcher(object.group(1));
      while (field.find()) {
        String value = field.group(2);
        fields.put(field.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
      }
      if (fields.containsKey("bn")) {
        bn = fields.get("bn");
      }
      if (fields.containsKey("bt")) {
        bt = new BigDecimal(fields.get("bt"));
      }
      if (!baseName.equals(bn)) {
        foreign.add(payload);
        return;
      }
      BigDecimal seconds = bt.add(new BigDecimal(fields.getOrDefault("t", "0")));
      records.add(new Record(fields.get("n"), seconds.movePointRight(3).longValueExact(),
          Double.parseDouble(fields.get("v")), pack));
    }
  }

  synchronized List<Record> records() {
    return List.copyOf(records);
  }

  synchronized List<Record> records(String name) {
    return records.stream().filter(r -> r.name().equals(name)).toList();
  }

  /** The distinct times of {@code name} (SenML {@code n}), deduplicated on {@code (n, time)}. */
  synchronized NavigableSet<Long> times(String name) {
    TreeSet<Long> times = new TreeSet<>();
    records.stream().filter(r -> r.name().equals(name)).forEach(r -> times.add(r.millis()));
    return times;
  }

  /** Packs that named another device: none are expected. */
  synchronized List<String> foreign() {
    return List.copyOf(foreign);
  }

  /** Boundaries ({@code from} to {@code to}, step {@code intervalMillis}) with no reading of {@code name}. */
  synchronized List<Long> missing(String name, long intervalMillis, long from, long to) {
    NavigableSet<Long> times = times(name);
    List<Long> missing = new ArrayList<>();
    for (long t = from; t <= to; t += intervalMillis) {
      if (!times.contains(t)) {
        missing.add(t);
      }
    }
    return missing;
  }

  /** Whether every boundary from the first reading of {@code name} up to {@code to} arrived. */
  synchronized boolean complete(String name, long intervalMillis, long to) {
    NavigableSet<Long> times = times(name);
    return !times.isEmpty() && times.last() >= to && missing(name, intervalMillis, times.first(), to).isEmpty();
  }

  /**
   * Order within each pack: a sensor's readings rise strictly in time. (Across packs the live lane
   * overtakes the backlog by design, so arrival order is checked per pack.)
   */
  synchronized List<String> outOfOrder() {
    List<String> problems = new ArrayList<>();
    Map<String, Record> last = new TreeMap<>();
    for (Record record : records) {
      String key = record.pack() + "/" + record.name();
      Record before = last.put(key, record);
      if (before != null && before.millis() >= record.millis()) {
        problems.add(record.name() + " in pack " + record.pack() + ": " + before.millis() + " then " + record.millis());
      }
    }
    return problems;
  }

  /** A short account for failure messages: per name, count, distinct, first and last time, gaps. */
  synchronized String describe(long intervalMillis) {
    StringBuilder text = new StringBuilder("--- delivered (" + packs + " packs, " + records.size() + " records)\n");
    records.stream().map(Record::name).distinct().sorted().forEach(name -> {
      NavigableSet<Long> times = times(name);
      text.append("  ").append(name).append(": ").append(records(name).size()).append(" records, ")
          .append(times.size()).append(" distinct, ").append(times.first()).append(" .. ").append(times.last())
          .append(", missing ").append(missing(name, intervalMillis, times.first(), times.last())).append('\n');
    });
    return text.toString();
  }
}
