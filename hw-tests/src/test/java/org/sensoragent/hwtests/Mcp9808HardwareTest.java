package org.sensoragent.hwtests;

import java.util.Set;
import org.sensoragent.drivers.I2cChip;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorContract;

/** The sensor contract against a real MCP9808; see {@link Bench#i2c} for how it is found. */
class Mcp9808HardwareTest extends SensorContract {

  @Override
  protected Sensor newSensor() throws Exception {
    return Bench.i2c(I2cChip.MCP9808);
  }

  @Override
  protected Set<Quantity> quantities() {
    return Set.of(Quantity.TEMPERATURE);
  }
}
