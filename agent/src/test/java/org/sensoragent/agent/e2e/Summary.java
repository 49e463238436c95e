package org.sensoragent.agent.e2e;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The agent's summary line: {@code summary: taken 12, published 9, queued 3, dropped 0, read errors 0}. */
record Summary(long taken, long published, long queued, long dropped, long readErrors) {

  private static final Pattern LINE = Pattern.compile(
      "summary: taken (\\d+), published (\\d+), queued (\\d+), dropped (\\d+), read errors (\\d+)");

  static boolean is(String line) {
    return LINE.matcher(line).find();
  }

  static Summary parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      throw new AssertionError("not a summary line: " + line);
    }
    return new Summary(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
  }

  /** The last summary line of an agent's journal. */
  static Summary last(AgentProcess agent) {
    List<String> lines = agent.journal(Summary::is);
    if (lines.isEmpty()) {
      throw new AssertionError("no summary line in the journal\n" + agent.dump());
    }
    return parse(lines.get(lines.size() - 1));
  }
}
