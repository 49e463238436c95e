package org.sensoragent.agent.provisioning;

/**
 * One thing validation found: an error refuses the bundle or the installed provisioning, a warning
 * is printed and accepted. The message names the file first and then the cause, and never holds
 * key material.
 */
public record Finding(Severity severity, String message) {

  /** How bad a finding is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Finding error(Object file, String cause) {
    return new Finding(Severity.ERROR, file + ": " + cause);
  }

  public static Finding warning(Object file, String cause) {
    return new Finding(Severity.WARNING, file + ": " + cause);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code error: <file>: <cause>} or {@code warning: <file>: <cause>}, one line. */
  @Override
  public String toString() {
    return (isError() ? "error: " : "warning: ") + message.replace('\n', ' ');
  }
}
