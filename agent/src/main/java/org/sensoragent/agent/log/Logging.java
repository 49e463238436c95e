package org.sensoragent.agent.log;

import org.tinylog.configuration.Configuration;

/** Sets tinylog up in code (no tinylog.properties to lose): the journal writer, at a level. */
public final class Logging {

  private Logging() {}

  /**
   * Takes effect if no line has been logged yet (tinylog freezes its configuration at the first);
   * a later call before that replaces an earlier one, so a command can set its configured level.
   *
   * @param level "error", "warn", "info" or "debug"
   */
  public static void configure(String level) {
    if (Configuration.isFrozen()) {
      return;
    }
    Configuration.set("writer", "journal");
    Configuration.set("writer.level", level);
    Configuration.set("level", level);
    // the libraries' own progress chatter ("Starting server", "JCE setup") is not an operator's
    // event; their warnings and errors still come through
    for (String library : new String[] {"org.eclipse.californium", "org.sqlite", "com.pi4j"}) {
      Configuration.set("level@" + library, "debug".equals(level) ? "debug" : "warn");
    }
    // synchronous: a line is out before the process can die, as journald expects
    Configuration.set("writingthread", "false");
    Configuration.set("autoshutdown", "false");
  }
}
