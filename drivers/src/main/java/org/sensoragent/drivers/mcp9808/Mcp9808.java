package org.sensoragent.drivers.mcp9808;

import java.io.IOException;
import java.util.List;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;
import org.sensoragent.drivers.i2c.I2cDevice;

/**
 * Microchip MCP9808 temperature sensor (I²C 0x18–0x1F), in its power-on continuous-conversion
 * mode. The constructor checks the manufacturer and device IDs.
 */
public final class Mcp9808 implements Sensor {

  static final String CHIP = "MCP9808";
  static final int REG_AMBIENT = 0x05;
  static final int REG_MANUFACTURER_ID = 0x06;
  static final int REG_DEVICE_ID = 0x07;
  static final int MANUFACTURER_ID = 0x0054;
  /** Register 0x07 holds device ID (upper byte) and revision (lower byte, any value). */
  static final int DEVICE_ID = 0x04;
  static final double CELSIUS_PER_LSB = 0.0625;
  /** Datasheet: accurate over -40 °C to +125 °C, its operating range. */
  static final double MIN_CELSIUS = -40.0;
  static final double MAX_CELSIUS = 125.0;

  // Datasheet 5.1.3, register 5-4: bits 15:13 are the Tcrit/Tupper/Tlower alert flags, bit 12
  // the sign; bits 12:0 together are a 13-bit two's complement value in 1/16 °C.
  private static final int TEMPERATURE_BITS = 0x1FFF;
  private static final int SIGN_BIT = 0x1000;

  private final I2cDevice device;

  /** @throws SensorException when the chip does not answer or its IDs are not the MCP9808's */
  public Mcp9808(I2cDevice device) throws SensorException {
    this.device = device;
    int manufacturer = readWord(REG_MANUFACTURER_ID);
    int deviceId = readWord(REG_DEVICE_ID) >> 8;
    if (manufacturer != MANUFACTURER_ID || deviceId != DEVICE_ID) {
      throw new SensorException(String.format(
          "%s at %s: wrong chip id (manufacturer 0x%04x, device 0x%02x; expected 0x%04x, 0x%02x)",
          CHIP, device.location(), manufacturer, deviceId, MANUFACTURER_ID, DEVICE_ID));
    }
  }

  @Override
  public List<Measurement> read() throws SensorException {
    double celsius = celsius(readWord(REG_AMBIENT));
    if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
      throw new SensorException(String.format("%s at %s: implausible temperature %.4f °C",
          CHIP, device.location(), celsius));
    }
    return List.of(Measurement.celsius(celsius));
  }

  /** Decodes the ambient temperature register, ignoring the three alert flag bits. */
  static double celsius(int registerWord) {
    int lsbs = registerWord & TEMPERATURE_BITS;
    if ((lsbs & SIGN_BIT) != 0) {
      lsbs -= 2 * SIGN_BIT;
    }
    return lsbs * CELSIUS_PER_LSB;
  }

  private int readWord(int register) throws SensorException {
    byte[] msbLsb = new byte[2];
    try {
      device.writeThenRead(new byte[] {(byte) register}, msbLsb);
    } catch (IOException e) {
      throw new SensorException(String.format("%s at %s: NACK reading register 0x%02x (%s)",
          CHIP, device.location(), register, e.getMessage()), e);
    }
    return (msbLsb[0] & 0xFF) << 8 | (msbLsb[1] & 0xFF);
  }

  @Override
  public void close() throws IOException {
    device.close();
  }
}
