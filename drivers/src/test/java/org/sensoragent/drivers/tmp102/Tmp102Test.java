package org.sensoragent.drivers.tmp102;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensoragent.drivers.EmulatedSensorContract;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;

class Tmp102Test extends EmulatedSensorContract {

  private Tmp102Emulator chip = new Tmp102Emulator().setTemperature(22.5);

  @Override
  protected Sensor newSensor() throws SensorException {
    return new Tmp102(chip);
  }

  @Override
  protected Set<Quantity> quantities() {
    return Set.of(Quantity.TEMPERATURE);
  }

  @Override
  protected void breakBus() {
    chip.failOn(0x00);
  }

  @Override
  protected String expectedLocation() {
    return "TMP102 at i2c-1/0x48";
  }

  /** Datasheet table 5, 12-bit format: digital output (binary, left-justified) and °C. */
  @ParameterizedTest
  @CsvSource({
    "0x7FF0, 127.9375", "0x6400, 100", "0x5000, 80", "0x4B00, 75", "0x3200, 50",
    "0x1900, 25", "0x0040, 0.25", "0x0010, 0.0625", "0x0000, 0", "0xFFF0, -0.0625",
    "0xFFC0, -0.25", "0xE700, -25", "0xC900, -55"})
  void decodesTheTwelveBitTable(String word, double celsius) throws SensorException {
    chip.setRegister(0x00, Integer.decode(word));

    assertEquals(celsius, new Tmp102(chip).read().get(0).value());
  }

  /** Datasheet table 6, 13-bit extended mode (EM): the value sits in bits 15:3, bit 0 is EM. */
  @ParameterizedTest
  @CsvSource({"0x4B01, 150", "0x4001, 128", "0x0C81, 25", "0x0001, 0", "0xFFF9, -0.0625",
    "0xE481, -55"})
  void decodesTheThirteenBitTable(String word, double celsius) throws SensorException {
    chip.setRegister(0x00, Integer.decode(word));

    assertEquals(celsius, new Tmp102(chip).read().get(0).value());
  }

  @Test
  void encodesAndDecodesInExtendedMode() throws SensorException {
    chip.setExtendedMode(true).setTemperature(140.5);

    assertEquals(140.5, new Tmp102(chip).read().get(0).value());
  }

  @Test
  void negativeTemperatureRoundTrips() throws SensorException {
    chip.setTemperature(-12.3125);

    assertEquals(-12.3125, new Tmp102(chip).read().get(0).value());
  }

  @Test
  void aValueBeyondTheSpecifiedRangeIsAnError() {
    chip.setRegister(0x00, 0x7FF9); // 13-bit 255.9 °C

    SensorException e = assertThrows(SensorException.class, () -> new Tmp102(chip).read());
    assertEquals("TMP102 at i2c-1/0x48: implausible temperature 255.9375 °C", e.getMessage());
  }

  @Test
  void aNackOnTheTemperatureRegisterNamesIt() {
    chip.failOn(0x00);

    SensorException e = assertThrows(SensorException.class, () -> new Tmp102(chip).read());
    assertEquals("TMP102 at i2c-1/0x48: NACK reading register 0x00"
        + " (NACK (emulated) at register 0x00)", e.getMessage());
  }

  @Test
  void aChipThatDoesNotAnswerIsRejectedInTheConstructor() {
    chip.failOn(0x01);

    assertThrows(SensorException.class, () -> new Tmp102(chip));
  }

  @Test
  void anotherChipAtTheAddressIsRejected() {
    chip.setRegister(0x01, 0x8583); // an ADS1115's config register at power-on

    SensorException e = assertThrows(SensorException.class, () -> new Tmp102(chip));
    assertEquals("TMP102 at i2c-1/0x48: configuration register reads 0x8583,"
        + " not a TMP102 (R1/R0 must read 11)", e.getMessage());
  }
}
