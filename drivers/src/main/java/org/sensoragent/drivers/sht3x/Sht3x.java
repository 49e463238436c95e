package org.sensoragent.drivers.sht3x;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Pause;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;
import org.sensoragent.drivers.i2c.I2cDevice;

/**
 * Sensirion SHT30/31/35 humidity and temperature sensor (I²C 0x44/0x45). Each {@link #read()}
 * starts one single-shot, high-repeatability measurement without clock stretching, waits for it
 * and checks the CRC of every word. The constructor reads the status register, CRC-checked.
 */
public final class Sht3x implements Sensor {

  static final String CHIP = "SHT3x";
  /** Datasheet 4.3, table 9: single shot, high repeatability, clock stretching disabled. */
  static final int CMD_MEASURE_HIGH_REPEATABILITY = 0x2400;
  /** Datasheet 4.11, table 17: read out of status register. */
  static final int CMD_READ_STATUS = 0xF32D;
  /** Datasheet 2.2, table 4: high repeatability takes at most 15 ms (15.5 ms below 2.4 V). */
  static final Duration MEASUREMENT_TIME = Duration.ofMillis(16);
  /** Datasheet 1.1: specified from -40 °C to +125 °C. */
  static final double MIN_CELSIUS = -40.0;
  static final double MAX_CELSIUS = 125.0;

  private final I2cDevice device;
  private final Pause pause;

  /** @throws SensorException when the chip does not answer or its status word fails the CRC */
  public Sht3x(I2cDevice device) throws SensorException {
    this(device, Pause.SLEEP);
  }

  /** As {@link #Sht3x(I2cDevice)}, waiting for conversions with {@code pause}. */
  public Sht3x(I2cDevice device, Pause pause) throws SensorException {
    this.device = device;
    this.pause = pause;
    command(CMD_READ_STATUS, "requesting status");
    word(readBack(3, "status"), 0, "status");
  }

  @Override
  public List<Measurement> read() throws SensorException {
    command(CMD_MEASURE_HIGH_REPEATABILITY, "starting a measurement");
    try {
      pause.pause(MEASUREMENT_TIME);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SensorException(CHIP + " at " + device.location() + ": interrupted", e);
    }
    byte[] data = readBack(6, "measurement");
    // Datasheet 4.13, equations 1 and 2.
    double celsius = -45.0 + 175.0 * word(data, 0, "temperature") / 65535.0;
    double percentRh = 100.0 * word(data, 3, "humidity") / 65535.0;
    if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
      throw new SensorException(String.format("%s at %s: implausible temperature %.2f °C",
          CHIP, device.location(), celsius));
    }
    return List.of(Measurement.celsius(celsius), new Measurement(Quantity.HUMIDITY, percentRh));
  }

  /**
   * CRC-8 of datasheet 4.12, table 19: polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value
   * 0xFF, no reflection, no final XOR. {@code crc8(0xBE, 0xEF) == 0x92}.
   */
  static int crc8(int msb, int lsb) {
    int crc = 0xFF;
    for (int b : new int[] {msb & 0xFF, lsb & 0xFF}) {
      crc ^= b;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return crc;
  }

  private int word(byte[] data, int offset, String what) throws SensorException {
    int msb = data[offset] & 0xFF;
    int lsb = data[offset + 1] & 0xFF;
    int crc = data[offset + 2] & 0xFF;
    if (crc8(msb, lsb) != crc) {
      throw new SensorException(String.format(
          "%s at %s: CRC mismatch on %s word 0x%02x%02x (got 0x%02x, computed 0x%02x)",
          CHIP, device.location(), what, msb, lsb, crc, crc8(msb, lsb)));
    }
    return msb << 8 | lsb;
  }

  // Commands and reads are separate transfers, as the datasheet draws them (4.3, 4.11), rather
  // than one transfer with a repeated start.
  private void command(int command, String doing) throws SensorException {
    try {
      device.writeThenRead(new byte[] {(byte) (command >> 8), (byte) command}, new byte[0]);
    } catch (IOException e) {
      throw new SensorException(String.format("%s at %s: NACK %s, command 0x%04x (%s)",
          CHIP, device.location(), doing, command, e.getMessage()), e);
    }
  }

  private byte[] readBack(int length, String what) throws SensorException {
    byte[] data = new byte[length];
    try {
      device.writeThenRead(new byte[0], data);
    } catch (IOException e) {
      throw new SensorException(String.format("%s at %s: NACK reading the %s (%s)",
          CHIP, device.location(), what, e.getMessage()), e);
    }
    return data;
  }

  @Override
  public void close() throws IOException {
    device.close();
  }
}
