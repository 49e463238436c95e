package org.sensoragent.agent.cli;

import java.io.PrintStream;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.agent.config.SensorConfig;
import org.sensoragent.agent.sampling.SensorFactory;
import org.sensoragent.drivers.i2c.I2cOpener;

/** {@code sensor-agent read}: reads every configured sensor once and prints a table. */
public final class ReadCommand implements Command {

  private final PrintStream out;
  private final I2cOpener i2c;

  public ReadCommand(PrintStream out, I2cOpener i2c) {
    this.out = out;
    this.i2c = i2c;
  }

  @Override
  public String name() {
    return "read";
  }

  @Override
  public String summary() {
    return "reads the configured sensors once and prints the readings";
  }

  @Override
  public String usage() {
    return "  --config F  the agent config (default /etc/sensor-agent/agent.toml)\n";
  }

  /** @return 0 when every sensor gave a reading, 1 when any failed (each failure is printed) */
  @Override
  public int run(Args args) throws UsageException {
    AgentConfig config = args.loadConfig();
    SensorFactory factory = new SensorFactory(config.paths(), i2c, System::currentTimeMillis);
    ReadingTable table = new ReadingTable(out);
    boolean allRead = true;
    for (SensorConfig sensorConfig : config.sensors()) {
      allRead &= table.readOnce(sensorConfig.name(), sensorConfig.type().configName(), factory.create(sensorConfig));
    }
    return allRead ? ExitCode.OK : ExitCode.FAILURE;
  }
}
