package org.sensoragent.agent.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes: {@code "512KiB"}, {@code "64MiB"}, {@code "1GiB"}, or plain bytes {@code "4096"}. */
final class ByteSizes {

  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

  private ByteSizes() {}

  static long parse(String text) {
    Matcher matcher = FORM.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "must be a size such as \"512KiB\", \"64MiB\" or \"1GiB\", was \"" + text + "\"");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "B" : matcher.group(2);
    int shift =
        switch (unit) {
          case "KiB" -> 10;
          case "MiB" -> 20;
          case "GiB" -> 30;
          default -> 0;
        };
    if (amount <= 0) {
      throw new IllegalArgumentException("must be larger than zero, was \"" + text + "\"");
    }
    return amount << shift;
  }
}
