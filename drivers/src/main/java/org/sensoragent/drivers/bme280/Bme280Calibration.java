package org.sensoragent.drivers.bme280;

/**
 * The trimming parameters a BME280 carries (datasheet 4.2.2, table 16) and Bosch's integer
 * compensation with them (datasheet 4.2.3). Immutable. Temperature must be compensated first: its
 * {@code t_fine} feeds pressure and humidity.
 */
record Bme280Calibration(
    int t1, int t2, int t3,
    int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
    int h1, int h2, int h3, int h4, int h5, int h6) {

  /** Bytes read from 0x88..0xA1 (26) and 0xE1..0xE7 (7). */
  static Bme280Calibration parse(byte[] from0x88, byte[] from0xE1) {
    byte[] a = from0x88;
    byte[] h = from0xE1;
    return new Bme280Calibration(
        u16le(a, 0), s16le(a, 2), s16le(a, 4),
        u16le(a, 6), s16le(a, 8), s16le(a, 10), s16le(a, 12), s16le(a, 14),
        s16le(a, 16), s16le(a, 18), s16le(a, 20), s16le(a, 22),
        a[25] & 0xFF, // 0xA1; 0xA0 is not used
        s16le(h, 0),
        h[2] & 0xFF,
        // dig_H4 and dig_H5 are signed 12-bit values sharing the nibbles of 0xE5.
        h[3] << 4 | (h[4] & 0x0F),
        h[5] << 4 | (h[4] & 0xFF) >> 4,
        h[6]);
  }

  /** {@code t_fine}, the fine temperature every other compensation needs; °C × 5120. */
  int fineTemperature(int adcT) {
    int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
    int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
    return var1 + var2;
  }

  /** BME280_compensate_T_int32: °C in hundredths, 5123 = 51.23 °C. */
  static int centiCelsius(int tFine) {
    return (tFine * 5 + 128) >> 8;
  }

  /** BME280_compensate_P_int64: Pa in Q24.8, 24674867 = 96386.2 Pa; 0 if the divisor is 0. */
  long pressureQ24x8(int adcP, int tFine) {
    long var1 = (long) tFine - 128000;
    long var2 = var1 * var1 * p6;
    var2 = var2 + ((var1 * p5) << 17);
    var2 = var2 + ((long) p4 << 35);
    var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12);
    var1 = (((1L << 47) + var1) * p1) >> 33;
    if (var1 == 0) {
      return 0; // the datasheet's guard against dividing by zero (p1 == 0: blank calibration)
    }
    long p = 1048576 - adcP;
    p = (((p << 31) - var2) * 3125) / var1;
    var1 = ((long) p9 * (p >> 13) * (p >> 13)) >> 25;
    var2 = ((long) p8 * p) >> 19;
    return ((p + var1 + var2) >> 8) + ((long) p7 << 4);
  }

  /** BME280_compensate_H_int32: %RH in Q22.10, 47445 = 46.333 %RH; clamped to 0..100 %RH. */
  int humidityQ22x10(int adcH, int tFine) {
    int x = tFine - 76800;
    x = ((((adcH << 14) - (h4 << 20) - (h5 * x)) + 16384) >> 15)
        * (((((((x * h6) >> 10) * (((x * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192)
            >> 14);
    x = x - (((((x >> 15) * (x >> 15)) >> 7) * h1) >> 4);
    x = Math.max(0, Math.min(x, 419430400));
    return x >> 12;
  }

  private static int u16le(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static int s16le(byte[] b, int i) {
    return (short) u16le(b, i);
  }
}
