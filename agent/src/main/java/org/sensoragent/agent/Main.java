package org.sensoragent.agent;

import java.util.Arrays;
import java.util.List;
import org.sensoragent.agent.cli.CheckCommand;
import org.sensoragent.agent.cli.CommandLine;
import org.sensoragent.agent.cli.DemoCommand;
import org.sensoragent.agent.cli.ProvisionCommand;
import org.sensoragent.agent.cli.QueueCommand;
import org.sensoragent.agent.cli.ReadCommand;
import org.sensoragent.agent.cli.RunCommand;
import org.sensoragent.agent.systemd.SystemdNotify;
import org.sensoragent.agent.cli.SensorsCommand;
import org.sensoragent.drivers.i2c.Pi4jI2cDevice;
import org.sensoragent.drivers.thermal.ThermalZone;

/** Composition root: hands the command line to {@link CommandLine} and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] argv) {
    int code =
        new CommandLine(
                List.of(
                    new RunCommand(Pi4jI2cDevice::open, SystemdNotify::fromEnvironment),
                    new DemoCommand(System.out, ThermalZone.SYSFS_THERMAL),
                    new ReadCommand(System.out, Pi4jI2cDevice::open),
                    new SensorsCommand(System.out, Pi4jI2cDevice::busNumbers, Pi4jI2cDevice::open),
                    new QueueCommand(),
                    new CheckCommand(),
                    new ProvisionCommand()))
            .run(Arrays.asList(argv));
    System.exit(code);
  }
}
