package org.sensoragent.agent.config.toml;

/** A document that is not TOML 1.0, with the 1-based line of the first error. */
public final class TomlException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int line;

  public TomlException(int line, String message) {
    super(message);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
