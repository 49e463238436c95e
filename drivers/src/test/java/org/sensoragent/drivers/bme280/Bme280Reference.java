package org.sensoragent.drivers.bme280;

/**
 * The BME280 datasheet's double-precision compensation (section 8.1), written apart from the
 * driver's integer code so each checks the other. The emulator inverts it to encode values.
 */
final class Bme280Reference {

  private Bme280Reference() {}

  static double fineTemperature(Bme280Calibration c, int adcT) {
    double var1 = (adcT / 16384.0 - c.t1() / 1024.0) * c.t2();
    double var2 = (adcT / 131072.0 - c.t1() / 8192.0) * (adcT / 131072.0 - c.t1() / 8192.0) * c.t3();
    return var1 + var2;
  }

  static double celsius(Bme280Calibration c, int adcT) {
    return fineTemperature(c, adcT) / 5120.0;
  }

  static double pascal(Bme280Calibration c, int adcP, double tFine) {
    double var1 = tFine / 2.0 - 64000.0;
    double var2 = var1 * var1 * c.p6() / 32768.0;
    var2 = var2 + var1 * c.p5() * 2.0;
    var2 = var2 / 4.0 + c.p4() * 65536.0;
    var1 = (c.p3() * var1 * var1 / 524288.0 + c.p2() * var1) / 524288.0;
    var1 = (1.0 + var1 / 32768.0) * c.p1();
    double p = 1048576.0 - adcP;
    p = (p - var2 / 4096.0) * 6250.0 / var1;
    var1 = c.p9() * p * p / 2147483648.0;
    var2 = p * c.p8() / 32768.0;
    return p + (var1 + var2 + c.p7()) / 16.0;
  }

  static double percentRh(Bme280Calibration c, int adcH, double tFine) {
    double h = tFine - 76800.0;
    h = (adcH - (c.h4() * 64.0 + c.h5() / 16384.0 * h))
        * (c.h2() / 65536.0 * (1.0 + c.h6() / 67108864.0 * h * (1.0 + c.h3() / 67108864.0 * h)));
    h = h * (1.0 - c.h1() * h / 524288.0);
    return Math.max(0.0, Math.min(h, 100.0));
  }
}
