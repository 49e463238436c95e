package org.sensoragent.agent.log;

import org.tinylog.configuration.Configuration;

/** Sets tinylog up in code (no tinylog.properties to lose): the journal writer, at a level. */
public final class Logging {

  private Logging() {}

  /**
   * Must run before the first log call: tinylog freezes its configuration then.
   *
   * @param level "error", "warn", "info" or "debug"
   */
  public static void configure(String level) {
    if (Configuration.isFrozen()) {
      return;
    }
    Configuration.set("writer", "journal");
    Configuration.set("writer.level", level);
    // synchronous: a line is out before the process can die, as journald expects
    Configuration.set("writingthread", "false");
    Configuration.set("autoshutdown", "false");
  }
}
