package org.sensoragent.drivers.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Bosch's integer compensation against the worked example of the BMP280 datasheet (section 3.12,
 * table 16: same temperature and pressure formulas and calibration layout as the BME280), and
 * humidity against the BME280 datasheet's double-precision formula (section 8.1), which has no
 * published numeric example.
 */
class Bme280CalibrationTest {

  private static final int ADC_T = 519888;
  private static final int ADC_P = 415148;

  private final Bme280Calibration calibration = Bme280Calibration.parse(
      bytes(Bme280Emulator.CALIB_88), bytes(Bme280Emulator.CALIB_E1));

  @Test
  void parsesTheLittleEndianAndNibblePackedLayout() {
    assertEquals(new Bme280Calibration(
        27504, 26435, -1000,
        36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
        75, 362, 0, 313, 50, 30), calibration);
  }

  @Test
  void negativeTwelveBitHumidityTrimmingKeepsItsSign() {
    byte[] e1 = bytes(new int[] {0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF});
    Bme280Calibration c = Bme280Calibration.parse(bytes(Bme280Emulator.CALIB_88), e1);

    assertEquals(-1, c.h4());
    assertEquals(-1, c.h5());
    assertEquals(-1, c.h6());
  }

  @Test
  void temperatureOfTheDatasheetExample() {
    int tFine = calibration.fineTemperature(ADC_T);

    assertEquals(128422, tFine);
    assertEquals(2508, Bme280Calibration.centiCelsius(tFine)); // 25.08 °C
  }

  @Test
  void pressureOfTheDatasheetExample() {
    long q24x8 = calibration.pressureQ24x8(ADC_P, calibration.fineTemperature(ADC_T));

    // Table 16 gives 100653.27 Pa; the integer path resolves 1/256 Pa and lands within 0.02 Pa.
    assertEquals(100653.27, q24x8 / 256.0, 0.02);
    assertEquals(100653.27, Bme280Reference.pascal(calibration, ADC_P, 128422), 0.02);
  }

  @Test
  void integerAndDoublePrecisionHumidityAgree() {
    int tFine = calibration.fineTemperature(ADC_T);
    for (int adcH = 20_000; adcH <= 40_000; adcH += 2_500) {
      double reference = Bme280Reference.percentRh(calibration, adcH, tFine);

      assertEquals(reference, calibration.humidityQ22x10(adcH, tFine) / 1024.0, 0.05,
          "adc_H " + adcH);
    }
  }

  @Test
  void humidityIsClampedAtBothEnds() {
    int tFine = calibration.fineTemperature(ADC_T);

    assertEquals(0, calibration.humidityQ22x10(0, tFine));
    assertEquals(100 * 1024, calibration.humidityQ22x10(0xFFFF, tFine));
  }

  @Test
  void aBlankPressureCalibrationDoesNotDivideByZero() {
    byte[] blank = new byte[26];
    Bme280Calibration c = Bme280Calibration.parse(blank, new byte[7]);

    assertEquals(0, c.pressureQ24x8(ADC_P, 128422));
  }

  private static byte[] bytes(int[] values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
