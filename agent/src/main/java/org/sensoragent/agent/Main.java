package org.sensoragent.agent;

import java.util.Arrays;
import java.util.List;
import org.sensoragent.agent.cli.CommandLine;

/** Composition root: hands the command line to {@link CommandLine} and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] argv) {
    int code = new CommandLine(List.of()).run(Arrays.asList(argv));
    System.exit(code);
  }
}
