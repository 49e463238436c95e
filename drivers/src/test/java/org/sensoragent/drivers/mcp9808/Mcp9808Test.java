package org.sensoragent.drivers.mcp9808;

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

class Mcp9808Test extends EmulatedSensorContract {

  private final Mcp9808Emulator chip = new Mcp9808Emulator("i2c-1/0x1a").setTemperature(22.5);

  @Override
  protected Sensor newSensor() throws SensorException {
    return new Mcp9808(chip);
  }

  @Override
  protected Set<Quantity> quantities() {
    return Set.of(Quantity.TEMPERATURE);
  }

  @Override
  protected void breakBus() {
    chip.failOn(0x05);
  }

  @Override
  protected String expectedLocation() {
    return "MCP9808 at i2c-1/0x1a";
  }

  /** Register 5-4 (TA): flags in 15:13, sign in 12, 1/16 °C in 11:0. */
  @ParameterizedTest
  @CsvSource({
    "0x0190, 25", "0x07CF, 124.9375", "0x0001, 0.0625", "0x0000, 0",
    "0x1FFF, -0.0625", "0x1E70, -25", "0x1D80, -40",
    "0xE190, 25", "0x2190, 25", "0xFE70, -25"})
  void decodesTheAmbientRegisterIgnoringAlertFlags(String word, double celsius)
      throws SensorException {
    chip.setRegister(0x05, Integer.decode(word));

    assertEquals(celsius, new Mcp9808(chip).read().get(0).value());
  }

  @Test
  void encodesLikeTheChipWithFlagsRaised() throws SensorException {
    chip.setAlertFlags(0b111).setTemperature(-17.75);

    assertEquals(-17.75, new Mcp9808(chip).read().get(0).value());
  }

  @Test
  void aWrongManufacturerIdIsRejected() {
    chip.setRegister(0x06, 0x0041);

    SensorException e = assertThrows(SensorException.class, () -> new Mcp9808(chip));
    assertEquals("MCP9808 at i2c-1/0x1a: wrong chip id (manufacturer 0x0041, device 0x04;"
        + " expected 0x0054, 0x04)", e.getMessage());
  }

  @Test
  void aWrongDeviceIdIsRejectedWhateverTheRevision() throws SensorException {
    chip.setRegister(0x07, 0x0401);
    new Mcp9808(chip); // revision 1 is fine

    chip.setRegister(0x07, 0x0500);
    assertThrows(SensorException.class, () -> new Mcp9808(chip));
  }

  @Test
  void aNackWhileIdentifyingIsAnError() {
    chip.failOn(0x06);

    SensorException e = assertThrows(SensorException.class, () -> new Mcp9808(chip));
    assertEquals("MCP9808 at i2c-1/0x1a: NACK reading register 0x06"
        + " (NACK (emulated) at register 0x06)", e.getMessage());
  }

  @Test
  void belowTheOperatingRangeIsImplausible() {
    chip.setTemperature(-55.0);

    assertThrows(SensorException.class, () -> new Mcp9808(chip).read());
  }
}
