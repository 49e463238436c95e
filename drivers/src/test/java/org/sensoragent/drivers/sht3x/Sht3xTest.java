package org.sensoragent.drivers.sht3x;

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

class Sht3xTest extends EmulatedSensorContract {

  private final Sht3xEmulator chip = new Sht3xEmulator("i2c-1/0x45");
  private final List<Duration> pauses = new ArrayList<>();
  private final Pause recordingPause = pauses::add;

  @Override
  protected Sensor newSensor() throws SensorException {
    return new Sht3x(chip, recordingPause);
  }

  @Override
  protected Set<Quantity> quantities() {
    return Set.of(Quantity.TEMPERATURE, Quantity.HUMIDITY);
  }

  @Override
  protected void breakBus() {
    chip.failOn(0x2400);
  }

  @Override
  protected String expectedLocation() {
    return "SHT3x at i2c-1/0x45";
  }

  @Test
  void crcOfTheDatasheetExampleBeefIs92() {
    assertEquals(0x92, Sht3x.crc8(0xBE, 0xEF)); // datasheet 4.12, table 19
  }

  @Test
  void crcOfZeroWord() {
    assertEquals(0x81, Sht3x.crc8(0x00, 0x00));
  }

  @Test
  void readsTemperatureAndHumidityAsEncoded() throws SensorException {
    chip.setTemperature(23.45).setHumidity(51.2);

    List<Measurement> m = new Sht3x(chip, recordingPause).read();

    assertEquals(Quantity.TEMPERATURE, m.get(0).quantity());
    assertEquals(23.45, m.get(0).value(), 175.0 / 65535);
    assertEquals(Quantity.HUMIDITY, m.get(1).quantity());
    assertEquals(51.2, m.get(1).value(), 100.0 / 65535);
  }

  @Test
  void waitsAtLeastTheDatasheetMaximumBeforeReading() throws SensorException {
    new Sht3x(chip, recordingPause).read();

    assertEquals(1, pauses.size());
    assertTrue(pauses.get(0).compareTo(Duration.ofMillis(15)) >= 0, pauses.toString());
  }

  @Test
  void aCrcMismatchOnAMeasurementIsAnError() throws SensorException {
    Sht3x sensor = new Sht3x(chip, recordingPause);
    chip.corruptNextCrc();

    SensorException e = assertThrows(SensorException.class, sensor::read);
    assertTrue(e.getMessage().startsWith("SHT3x at i2c-1/0x45: CRC mismatch on temperature word"),
        e.getMessage());
  }

  @Test
  void aCrcMismatchOnTheStatusRejectsTheChip() {
    chip.corruptNextCrc();

    SensorException e = assertThrows(SensorException.class, () -> new Sht3x(chip, recordingPause));
    assertTrue(e.getMessage().contains("CRC mismatch on status word"), e.getMessage());
  }

  @Test
  void aNackOnTheStatusCommandRejectsTheChip() {
    chip.failOn(0xF32D);

    SensorException e = assertThrows(SensorException.class, () -> new Sht3x(chip, recordingPause));
    assertTrue(e.getMessage().startsWith(
        "SHT3x at i2c-1/0x45: NACK requesting status, command 0xf32d"), e.getMessage());
  }

  @Test
  void aNackOnTheReadAfterTheCommandIsAnError() throws SensorException {
    Sht3x sensor = new Sht3x(chip, recordingPause);
    chip.failReads();

    SensorException e = assertThrows(SensorException.class, sensor::read);
    assertTrue(e.getMessage().startsWith("SHT3x at i2c-1/0x45: NACK reading the measurement"),
        e.getMessage());
  }

  @Test
  void anInterruptedWaitGivesUpAndKeepsTheInterrupt() throws SensorException {
    Sht3x sensor = new Sht3x(chip, d -> {
      throw new InterruptedException();
    });

    assertThrows(SensorException.class, sensor::read);
    assertTrue(Thread.interrupted());
  }
}
