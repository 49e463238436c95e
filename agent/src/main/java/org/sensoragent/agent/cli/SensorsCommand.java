package org.sensoragent.agent.cli;

import java.io.PrintStream;
import java.util.List;
import org.sensoragent.agent.config.AgentConfig;
import org.sensoragent.drivers.I2cChip;
import org.sensoragent.drivers.i2c.I2cOpener;
import org.sensoragent.drivers.thermal.ThermalZone;
import org.sensoragent.drivers.w1.Ds18b20;

/**
 * {@code sensor-agent sensors}: finds known sensors on the I²C buses, 1-Wire and thermal zones
 * and prints one reading of each, so an installer can write the {@code [[sensor]]} tables.
 */
public final class SensorsCommand implements Command {

  /** Lists the I²C bus numbers present ({@code /dev/i2c-*}). */
  @FunctionalInterface
  public interface BusLister {
    List<Integer> buses();
  }

  private final PrintStream out;
  private final BusLister buses;
  private final I2cOpener i2c;

  public SensorsCommand(PrintStream out, BusLister buses, I2cOpener i2c) {
    this.out = out;
    this.buses = buses;
    this.i2c = i2c;
  }

  @Override
  public String name() {
    return "sensors";
  }

  @Override
  public String summary() {
    return "scans I2C buses, 1-Wire and thermal zones for known sensors and prints one reading of each";
  }

  @Override
  public String usage() {
    return "  --config F  the agent config, for [paths] (default /etc/sensor-agent/agent.toml)\n";
  }

  @Override
  public int run(Args args) throws UsageException {
    AgentConfig config = args.loadConfig();
    ReadingTable table = new ReadingTable(out);
    int found = 0;
    List<Integer> busNumbers = buses.buses();
    if (busNumbers.isEmpty()) {
      out.println("I2C: no /dev/i2c-* bus (on a Pi: dtparam=i2c_arm=on in /boot/firmware/config.txt)");
    }
    for (I2cChip.Found chip : I2cChip.scan(busNumbers, i2c)) {
      found++;
      try {
        table.readOnce(chip.chip().type() + " " + chip.location(), chip.chip().type(), chip.chip().open(i2c.open(chip.bus(), chip.address())));
      } catch (Exception e) {
        table.failure(chip.location(), chip.chip().type(), e.getMessage());
      }
    }
    List<String> w1 = Ds18b20.scan(config.paths().w1());
    if (w1.isEmpty()) {
      out.println("1-Wire: no sensor under " + config.paths().w1() + " (on a Pi: dtoverlay=w1-gpio)");
    }
    for (String id : w1) {
      found++;
      table.readOnce(id, "ds18b20", new Ds18b20(config.paths().w1(), id));
    }
    for (String zone : ThermalZone.scan(config.paths().thermal())) {
      found++;
      table.readOnce(zone, "thermal-zone", new ThermalZone(config.paths().thermal(), zone));
    }
    out.println(found + " sensor(s) found");
    return ExitCode.OK;
  }
}
