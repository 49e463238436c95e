package org.sensoragent.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sensoragent.drivers.I2cChip.Found;
import org.sensoragent.drivers.bme280.Bme280;
import org.sensoragent.drivers.bme280.Bme280Emulator;
import org.sensoragent.drivers.i2c.I2cDevice;
import org.sensoragent.drivers.i2c.I2cOpener;
import org.sensoragent.drivers.mcp9808.Mcp9808Emulator;
import org.sensoragent.drivers.sht3x.Sht3xEmulator;
import org.sensoragent.drivers.tmp102.Tmp102Emulator;

class I2cChipTest {

  /** A bus with emulated chips; empty addresses NACK, as on a real bus. */
  private final Map<String, I2cDevice> bus = new HashMap<>();
  private final I2cOpener opener = (busNumber, address) -> {
    String location = String.format("i2c-%d/0x%02x", busNumber, address);
    I2cDevice device = bus.get(location);
    if (device != null) {
      return device;
    }
    return new I2cDevice() {
      @Override
      public void writeThenRead(byte[] write, byte[] read) throws IOException {
        throw new IOException("NACK (nothing at " + location + ")");
      }

      @Override
      public String location() {
        return location;
      }
    };
  };

  @Test
  void typesAreTheConfigNames() {
    assertEquals(Optional.of(I2cChip.TMP102), I2cChip.ofType("tmp102"));
    assertEquals(Optional.of(I2cChip.SHT3X), I2cChip.ofType("SHT3x"));
    assertEquals(Optional.empty(), I2cChip.ofType("ds18b20"));
    assertEquals("bme280", I2cChip.BME280.type());
  }

  @Test
  void addressRangesAreTheDatasheets() {
    assertEquals(List.of(0x48, 0x49, 0x4A, 0x4B), I2cChip.TMP102.addresses());
    assertEquals(8, I2cChip.MCP9808.addresses().size());
    assertTrue(I2cChip.SHT3X.accepts(0x45));
    assertFalse(I2cChip.SHT3X.accepts(0x46));
    assertFalse(I2cChip.BME280.accepts(0x48));
    assertEquals("0x48–0x4B", I2cChip.TMP102.addressRange());
    assertEquals("0x76/0x77", I2cChip.BME280.addressRange());
  }

  @Test
  void opensTheRightDriver() throws SensorException {
    assertInstanceOf(Bme280.class, I2cChip.BME280.open(new Bme280Emulator()));
  }

  @Test
  void scanFindsIdentifiedChipsOnEveryBus() {
    bus.put("i2c-1/0x48", new Tmp102Emulator("i2c-1/0x48"));
    bus.put("i2c-1/0x1a", new Mcp9808Emulator("i2c-1/0x1a"));
    bus.put("i2c-3/0x44", new Sht3xEmulator("i2c-3/0x44"));
    bus.put("i2c-3/0x77", new Bme280Emulator("i2c-3/0x77"));
    bus.put("i2c-3/0x76", new Bme280Emulator("i2c-3/0x76").setRegister(0xD0, 0x58)); // BMP280

    List<Found> found = I2cChip.scan(List.of(1, 3), opener);

    assertEquals(List.of(
        new Found(1, 0x48, I2cChip.TMP102),
        new Found(1, 0x1a, I2cChip.MCP9808),
        new Found(3, 0x44, I2cChip.SHT3X),
        new Found(3, 0x77, I2cChip.BME280)), found);
    assertEquals("i2c-3/0x77", found.get(3).location());
  }

  @Test
  void scanOfNoBusOrAnUnopenableBusFindsNothing() {
    assertEquals(List.of(), I2cChip.scan(List.of(), opener));
    assertEquals(List.of(), I2cChip.scan(List.of(7), (b, a) -> {
      throw new IOException("no /dev/i2c-7");
    }));
  }
}
