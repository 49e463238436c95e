package org.sensoragent.agent.cli;

import java.util.Arrays;
import java.util.List;

/** {@code sensor-agent provision} in a child JVM, for the kill -9 test. */
public final class ProvisionChild {

  private ProvisionChild() {}

  public static void main(String[] argv) {
    System.exit(new CommandLine(List.of(new ProvisionCommand())).run(Arrays.asList(argv)));
  }
}
