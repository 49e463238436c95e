package org.sensoragent.drivers.tmp102;

import java.io.IOException;
import java.util.List;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;
import org.sensoragent.drivers.i2c.I2cDevice;

/**
 * TI TMP102 digital temperature sensor (I²C 0x48–0x4B), in its power-on continuous-conversion mode
 * (4 Hz). Reads the 12-bit (or, with EM set, 13-bit) two's complement temperature register.
 *
 * <p>The TMP102 has no ID register: the constructor checks that the configuration register shows
 * its read-only bits as the datasheet fixes them, which rejects most other chips at these
 * addresses but cannot prove it is a TMP102.
 */
public final class Tmp102 implements Sensor {

  static final String CHIP = "TMP102";
  static final int REG_TEMPERATURE = 0x00;
  static final int REG_CONFIG = 0x01;
  static final double CELSIUS_PER_LSB = 0.0625;
  /** Datasheet 6.3: specified from -55 °C to +150 °C; anything outside is a bus or chip fault. */
  static final double MIN_CELSIUS = -55.0;
  static final double MAX_CELSIUS = 150.0;

  // Datasheet 7.5.3, table 7: R1/R0 (byte 1, bits 6:5) always read 11; byte 2 bits 3:0 read 0.
  private static final int CONFIG_RESOLUTION_BITS = 0x6000;
  private static final int CONFIG_ZERO_BITS = 0x000F;
  // Datasheet 7.5.4: bit D0 of the temperature register is the EM (13-bit extended mode) flag.
  private static final int TEMPERATURE_EM_BIT = 0x0001;

  private final I2cDevice device;

  /** @throws SensorException when the chip does not answer or does not look like a TMP102 */
  public Tmp102(I2cDevice device) throws SensorException {
    this.device = device;
    int config = readWord(REG_CONFIG);
    if ((config & CONFIG_RESOLUTION_BITS) != CONFIG_RESOLUTION_BITS
        || (config & CONFIG_ZERO_BITS) != 0) {
      throw new SensorException(String.format(
          "%s at %s: configuration register reads 0x%04x, not a TMP102 (R1/R0 must read 11)",
          CHIP, device.location(), config));
    }
  }

  @Override
  public List<Measurement> read() throws SensorException {
    double celsius = celsius(readWord(REG_TEMPERATURE));
    if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
      throw new SensorException(String.format("%s at %s: implausible temperature %.4f °C",
          CHIP, device.location(), celsius));
    }
    return List.of(Measurement.celsius(celsius));
  }

  /** Decodes the temperature register: 12 bits left-justified, or 13 bits when EM (bit 0) is set. */
  static double celsius(int registerWord) {
    short word = (short) registerWord;
    int lsbs = (registerWord & TEMPERATURE_EM_BIT) != 0 ? word >> 3 : word >> 4;
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
