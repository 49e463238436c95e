package org.sensoragent.agent.cli;

/** Exit codes. 2 is listed in the unit's RestartPreventExitStatus= so a broken config does not restart-loop. */
public final class ExitCode {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private ExitCode() {}
}
