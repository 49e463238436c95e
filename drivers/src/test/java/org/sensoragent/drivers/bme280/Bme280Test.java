package org.sensoragent.drivers.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sensoragent.drivers.EmulatedSensorContract;
import org.sensoragent.drivers.Measurement;
import org.sensoragent.drivers.Pause;
import org.sensoragent.drivers.Quantity;
import org.sensoragent.drivers.Sensor;
import org.sensoragent.drivers.SensorException;

class Bme280Test extends EmulatedSensorContract {

  private final Bme280Emulator chip = new Bme280Emulator("i2c-1/0x77");
  private final List<Duration> pauses = new ArrayList<>();
  private final Pause recordingPause = pauses::add;

  @Override
  protected Sensor newSensor() throws SensorException {
    return new Bme280(chip, recordingPause);
  }

  @Override
  protected Set<Quantity> quantities() {
    return Set.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE);
  }

  @Override
  protected void breakBus() {
    chip.failOn(0xF7);
  }

  @Override
  protected String expectedLocation() {
    return "BME280 at i2c-1/0x77";
  }

  @Test
  void readsWhatTheChipEncoded() throws SensorException {
    chip.setTemperature(23.4).setPressure(98_765.0).setHumidity(38.5);

    List<Measurement> m = new Bme280(chip, recordingPause).read();

    assertEquals(23.4, m.get(0).value(), 0.01);
    assertEquals(38.5, m.get(1).value(), 0.1);
    assertEquals(98_765.0, m.get(2).value(), 1.0);
  }

  @Test
  void theDatasheetExampleEndToEnd() throws SensorException {
    chip.setRawAdc(519888, 415148, 30_000);

    List<Measurement> m = new Bme280(chip, recordingPause).read();

    assertEquals(25.08, m.get(0).value());
    assertEquals(100653.27, m.get(2).value(), 0.02);
  }

  @Test
  void triggersForcedModeWithHumidityConfiguredFirst() throws SensorException {
    new Bme280(chip, recordingPause).read();

    // ctrl_meas was written (forced mode) and the chip went back to sleep; ctrl_hum holds x1.
    byte[] ctrl = new byte[3];
    assertDoesNotThrowIo(() -> chip.writeThenRead(new byte[] {(byte) 0xF2}, ctrl));
    assertEquals(0x01, ctrl[0]);
    assertEquals(0x24, ctrl[2] & 0xFF);
  }

  @Test
  void pollsTheStatusUntilTheConversionIsDone() throws SensorException {
    chip.setBusyPolls(3);

    new Bme280(chip, recordingPause).read();

    assertEquals(Duration.ofMillis(10), pauses.get(0));
    assertEquals(4, pauses.size());
  }

  @Test
  void aConversionThatNeverEndsIsAnError() {
    chip.setBusyPolls(1000);

    SensorException e = assertThrows(SensorException.class,
        () -> new Bme280(chip, recordingPause).read());
    assertEquals("BME280 at i2c-1/0x77: measurement did not finish", e.getMessage());
  }

  @Test
  void aBmp280IsRejectedByItsChipId() {
    chip.setRegister(0xD0, 0x58);

    SensorException e = assertThrows(SensorException.class, () -> new Bme280(chip));
    assertEquals("BME280 at i2c-1/0x77: wrong chip id 0x58 at 0xD0 (expected 0x60)",
        e.getMessage());
  }

  @Test
  void aNackOnTheCalibrationIsAnError() {
    chip.failOn(0xE1);

    SensorException e = assertThrows(SensorException.class, () -> new Bme280(chip));
    assertTrue(e.getMessage().startsWith("BME280 at i2c-1/0x77: NACK reading register 0xe1"),
        e.getMessage());
  }

  @Test
  void blankCalibrationIsAnError() {
    chip.setRegister(0x88, 0).setRegister(0x89, 0);

    assertThrows(SensorException.class, () -> new Bme280(chip));
  }

  @Test
  void aSkippedMeasurementIsAnError() throws SensorException {
    chip.setRawAdc(0x80000, 415148, 30_000);

    SensorException e = assertThrows(SensorException.class,
        () -> new Bme280(chip, recordingPause).read());
    assertTrue(e.getMessage().contains("skipped"), e.getMessage());
  }

  @Test
  void anImplausiblePressureIsAnError() {
    chip.setPressure(20_000.0);

    SensorException e = assertThrows(SensorException.class,
        () -> new Bme280(chip, recordingPause).read());
    assertTrue(e.getMessage().startsWith("BME280 at i2c-1/0x77: implausible pressure"),
        e.getMessage());
  }

  @Test
  void aNackOnTheTriggerNamesTheRegister() throws SensorException {
    Bme280 sensor = new Bme280(chip, recordingPause);
    chip.failOn(0xF2);

    SensorException e = assertThrows(SensorException.class, sensor::read);
    assertTrue(e.getMessage().startsWith("BME280 at i2c-1/0x77: NACK writing register 0xf2"),
        e.getMessage());
  }

  private interface IoAction {
    void run() throws java.io.IOException;
  }

  private static void assertDoesNotThrowIo(IoAction action) {
    try {
      action.run();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
