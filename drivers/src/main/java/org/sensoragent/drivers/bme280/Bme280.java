package org.sensoragent.drivers.bme280;

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
 * Bosch BME280 temperature, humidity and pressure sensor (I²C 0x76/0x77). Each {@link #read()}
 * runs one forced-mode measurement with ×1 oversampling and no IIR filter (datasheet 3.5.1,
 * "weather monitoring"), then applies Bosch's integer compensation. The constructor checks the
 * chip ID and reads the calibration once.
 */
public final class Bme280 implements Sensor {

  static final String CHIP = "BME280";
  static final int REG_CALIB_00 = 0x88; // ..0xA1
  static final int REG_CHIP_ID = 0xD0;
  static final int REG_CALIB_26 = 0xE1; // ..0xE7
  static final int REG_CTRL_HUM = 0xF2;
  static final int REG_STATUS = 0xF3;
  static final int REG_CTRL_MEAS = 0xF4;
  static final int REG_DATA = 0xF7; // press_msb .. hum_lsb, 8 bytes
  static final int CHIP_ID = 0x60;
  /** osrs_h = ×1. */
  static final int CTRL_HUM_X1 = 0b001;
  /** osrs_t = ×1, osrs_p = ×1, mode = forced. */
  static final int CTRL_MEAS_X1_FORCED = 0b001_001_01;
  static final int STATUS_MEASURING = 0x08;
  /** Datasheet 9.1: 1.25 + 2.3 + (2.3 + 0.575) × 2 = 9.3 ms at most with ×1 oversampling. */
  static final Duration MEASUREMENT_TIME = Duration.ofMillis(10);
  static final Duration POLL_INTERVAL = Duration.ofMillis(2);
  static final int MAX_POLLS = 10;
  /** Datasheet 1: operating range -40..85 °C, 300..1100 hPa. */
  static final double MIN_CELSIUS = -40.0;
  static final double MAX_CELSIUS = 85.0;
  static final double MIN_PASCAL = 30_000.0;
  static final double MAX_PASCAL = 110_000.0;

  // Datasheet 4: these are what the data registers hold when a measurement was skipped.
  private static final int SKIPPED_20_BIT = 0x80000;
  private static final int SKIPPED_16_BIT = 0x8000;

  private final I2cDevice device;
  private final Pause pause;
  private final Bme280Calibration calibration;

  /** @throws SensorException when the chip does not answer, is not a BME280 or is not trimmed */
  public Bme280(I2cDevice device) throws SensorException {
    this(device, Pause.SLEEP);
  }

  /** As {@link #Bme280(I2cDevice)}, waiting for conversions with {@code pause}. */
  public Bme280(I2cDevice device, Pause pause) throws SensorException {
    this.device = device;
    this.pause = pause;
    int chipId = readRegisters(REG_CHIP_ID, 1)[0] & 0xFF;
    if (chipId != CHIP_ID) {
      // 0x56..0x58 is a BMP280: same pins and addresses, no humidity.
      throw fail(String.format("wrong chip id 0x%02x at 0xD0 (expected 0x%02x)", chipId, CHIP_ID));
    }
    calibration = Bme280Calibration.parse(
        readRegisters(REG_CALIB_00, 26), readRegisters(REG_CALIB_26, 7));
    if (calibration.t1() == 0 || calibration.p1() == 0) {
      throw fail("calibration data is blank (dig_T1 or dig_P1 is 0)");
    }
  }

  @Override
  public List<Measurement> read() throws SensorException {
    // Datasheet 5.4.3: ctrl_hum takes effect only after a write to ctrl_meas, so it goes first.
    write(REG_CTRL_HUM, CTRL_HUM_X1, REG_CTRL_MEAS, CTRL_MEAS_X1_FORCED);
    waitFor(MEASUREMENT_TIME);
    int polls = 0;
    while ((readRegisters(REG_STATUS, 1)[0] & STATUS_MEASURING) != 0) {
      if (++polls > MAX_POLLS) {
        throw fail("measurement did not finish");
      }
      waitFor(POLL_INTERVAL);
    }
    byte[] d = readRegisters(REG_DATA, 8);
    int adcP = (d[0] & 0xFF) << 12 | (d[1] & 0xFF) << 4 | (d[2] & 0xFF) >> 4;
    int adcT = (d[3] & 0xFF) << 12 | (d[4] & 0xFF) << 4 | (d[5] & 0xFF) >> 4;
    int adcH = (d[6] & 0xFF) << 8 | (d[7] & 0xFF);
    if (adcT == SKIPPED_20_BIT || adcP == SKIPPED_20_BIT || adcH == SKIPPED_16_BIT) {
      throw fail("measurement was skipped (chip reset during conversion?)");
    }
    int tFine = calibration.fineTemperature(adcT);
    double celsius = Bme280Calibration.centiCelsius(tFine) / 100.0;
    double pascal = calibration.pressureQ24x8(adcP, tFine) / 256.0;
    double percentRh = calibration.humidityQ22x10(adcH, tFine) / 1024.0;
    if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
      throw fail(String.format("implausible temperature %.2f °C", celsius));
    }
    if (pascal < MIN_PASCAL || pascal > MAX_PASCAL) {
      throw fail(String.format("implausible pressure %.0f Pa", pascal));
    }
    return List.of(
        Measurement.celsius(celsius),
        new Measurement(Quantity.HUMIDITY, percentRh),
        new Measurement(Quantity.PRESSURE, pascal));
  }

  private void waitFor(Duration duration) throws SensorException {
    try {
      pause.pause(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SensorException(CHIP + " at " + device.location() + ": interrupted", e);
    }
  }

  /** Writes register/value pairs in one transfer (datasheet 6.2.1). */
  private void write(int... registerValuePairs) throws SensorException {
    byte[] bytes = new byte[registerValuePairs.length];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) registerValuePairs[i];
    }
    try {
      device.writeThenRead(bytes, new byte[0]);
    } catch (IOException e) {
      throw new SensorException(String.format("%s at %s: NACK writing register 0x%02x (%s)",
          CHIP, device.location(), registerValuePairs[0], e.getMessage()), e);
    }
  }

  private byte[] readRegisters(int first, int count) throws SensorException {
    byte[] data = new byte[count];
    try {
      device.writeThenRead(new byte[] {(byte) first}, data);
    } catch (IOException e) {
      throw new SensorException(String.format("%s at %s: NACK reading register 0x%02x (%s)",
          CHIP, device.location(), first, e.getMessage()), e);
    }
    return data;
  }

  private SensorException fail(String cause) {
    return new SensorException(CHIP + " at " + device.location() + ": " + cause);
  }

  @Override
  public void close() throws IOException {
    device.close();
  }
}
