package org.sensoragent.drivers.bme280;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.sensoragent.drivers.i2c.I2cDevice;

/**
 * A BME280's register file (datasheet 5.3): auto-incrementing reads, register/value write pairs,
 * forced mode that fills the data registers and returns to sleep. Encodes temperature, pressure and
 * humidity into raw ADC values by inverting the datasheet's compensation with this chip's
 * calibration, which by default is the BMP280 datasheet's worked example (3.12) plus typical
 * humidity trimming.
 */
public final class Bme280Emulator implements I2cDevice {

  /** Calibration bytes 0x88..0xA1: dig_T1..dig_P9 little-endian, 0xA0 unused, dig_H1. */
  static final int[] CALIB_88 = {
    0x70, 0x6B, // dig_T1 = 27504
    0x43, 0x67, // dig_T2 = 26435
    0x18, 0xFC, // dig_T3 = -1000
    0x7D, 0x8E, // dig_P1 = 36477
    0x43, 0xD6, // dig_P2 = -10685
    0xD0, 0x0B, // dig_P3 = 3024
    0x27, 0x0B, // dig_P4 = 2855
    0x8C, 0x00, // dig_P5 = 140
    0xF9, 0xFF, // dig_P6 = -7
    0x8C, 0x3C, // dig_P7 = 15500
    0xF8, 0xC6, // dig_P8 = -14600
    0x70, 0x17, // dig_P9 = 6000
    0x00,       // 0xA0, not used
    0x4B,       // dig_H1 = 75
  };
  /** Calibration bytes 0xE1..0xE7: dig_H2, dig_H3, dig_H4/dig_H5 sharing 0xE5, dig_H6. */
  static final int[] CALIB_E1 = {
    0x6A, 0x01, // dig_H2 = 362
    0x00,       // dig_H3 = 0
    0x13,       // dig_H4[11:4] -> dig_H4 = 0x139 = 313
    0x29,       // dig_H5[3:0] = 2, dig_H4[3:0] = 9
    0x03,       // dig_H5[11:4] -> dig_H5 = 0x032 = 50
    0x1E,       // dig_H6 = 30
  };

  private final String location;
  private final int[] registers = new int[256];
  private final Set<Integer> failing = new HashSet<>();
  private int pointer;
  private int busyPolls;
  private int measuringLeft;
  private double celsius = 21.0;
  private double pascal = 101_325.0;
  private double percentRh = 45.0;
  private int[] rawAdc;

  public Bme280Emulator(String location) {
    this.location = location;
    registers[0xD0] = 0x60;
    for (int i = 0; i < CALIB_88.length; i++) {
      registers[0x88 + i] = CALIB_88[i];
    }
    for (int i = 0; i < CALIB_E1.length; i++) {
      registers[0xE1 + i] = CALIB_E1[i];
    }
    // Datasheet 5.4.7..5.4.9: data registers reset to 0x80000 (T/P) and 0x8000 (H).
    int[] reset = {0x80, 0x00, 0x00, 0x80, 0x00, 0x00, 0x80, 0x00};
    for (int i = 0; i < reset.length; i++) {
      registers[0xF7 + i] = reset[i];
    }
  }

  public Bme280Emulator() {
    this("i2c-1/0x76");
  }

  public Bme280Emulator setTemperature(double celsius) {
    this.celsius = celsius;
    rawAdc = null;
    return this;
  }

  public Bme280Emulator setPressure(double pascal) {
    this.pascal = pascal;
    rawAdc = null;
    return this;
  }

  public Bme280Emulator setHumidity(double percentRh) {
    this.percentRh = percentRh;
    rawAdc = null;
    return this;
  }

  /** The next conversions deliver these ADC values, as in a datasheet example. */
  public Bme280Emulator setRawAdc(int adcT, int adcP, int adcH) {
    rawAdc = new int[] {adcT, adcP, adcH};
    return this;
  }

  /** Status reports "measuring" for this many polls after each trigger. */
  public Bme280Emulator setBusyPolls(int polls) {
    busyPolls = polls;
    return this;
  }

  public Bme280Emulator setRegister(int register, int value) {
    registers[register] = value & 0xFF;
    return this;
  }

  public Bme280Emulator failOn(int register) {
    failing.add(register);
    return this;
  }

  @Override
  public void writeThenRead(byte[] write, byte[] read) throws IOException {
    if (write.length > 0) {
      pointer = write[0] & 0xFF;
      check(pointer);
      for (int i = 0; i + 1 < write.length; i += 2) {
        int register = write[i] & 0xFF;
        check(register);
        registers[register] = write[i + 1] & 0xFF;
        if (register == 0xF4 && (registers[0xF4] & 0x03) != 0) {
          convert();
        }
      }
    }
    for (int i = 0; i < read.length; i++) {
      int register = (pointer + i) & 0xFF;
      check(register);
      if (register == 0xF3) {
        registers[0xF3] = measuringLeft-- > 0 ? 0x08 : 0x00;
      }
      read[i] = (byte) registers[register];
    }
  }

  private void convert() {
    Bme280Calibration c = Bme280Calibration.parse(bytes(0x88, 26), bytes(0xE1, 7));
    int adcT;
    int adcP;
    int adcH;
    if (rawAdc != null) {
      adcT = rawAdc[0];
      adcP = rawAdc[1];
      adcH = rawAdc[2];
    } else {
      adcT = invert(raw -> Bme280Reference.celsius(c, raw), celsius, 1 << 20);
      double tFine = Bme280Reference.fineTemperature(c, adcT);
      adcP = invert(raw -> -Bme280Reference.pascal(c, raw, tFine), -pascal, 1 << 20);
      adcH = invert(raw -> Bme280Reference.percentRh(c, raw, tFine), percentRh, 1 << 16);
    }
    int[] data = {adcP >> 12, adcP >> 4, adcP << 4, adcT >> 12, adcT >> 4, adcT << 4, adcH >> 8, adcH};
    for (int i = 0; i < data.length; i++) {
      registers[0xF7 + i] = data[i] & 0xFF;
    }
    registers[0xF4] &= ~0x03; // back to sleep mode, datasheet 3.3.3
    measuringLeft = busyPolls;
  }

  /** The smallest raw value whose (increasing) compensation reaches {@code target}. */
  private static int invert(IntToDoubleFunction compensate, double target, int limit) {
    int low = 0;
    int high = limit - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (compensate.applyAsDouble(mid) < target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private byte[] bytes(int first, int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) registers[first + i];
    }
    return bytes;
  }

  private void check(int register) throws IOException {
    if (failing.contains(register)) {
      throw new IOException(String.format("NACK (emulated) at register 0x%02x", register));
    }
  }

  @Override
  public String location() {
    return location;
  }
}
