package org.sensoragent.drivers.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be checked without I²C hardware: bus discovery and failing cleanly without a bus. */
class Pi4jI2cDeviceTest {

  /** No host running these unit tests has this bus, and Pi4J's native code is never reached. */
  private static final int ABSENT_BUS = 9999;

  @TempDir Path dev;

  @Test
  void listsI2cBusDevicesInOrder() throws IOException {
    for (String name : List.of("i2c-20", "i2c-1", "i2c-0", "i2c-foo", "i2c", "spidev0.0")) {
      Files.createFile(dev.resolve(name));
    }

    assertEquals(List.of(0, 1, 20), Pi4jI2cDevice.busNumbers(dev));
  }

  @Test
  void aHostWithoutI2cHasNoBuses() {
    assertEquals(List.of(), Pi4jI2cDevice.busNumbers(dev));
    assertEquals(List.of(), Pi4jI2cDevice.busNumbers(dev.resolve("absent")));
  }

  @Test
  void openingAnAbsentBusIsAnIoExceptionNamingIt() {
    IOException e = assertThrows(IOException.class, () -> Pi4jI2cDevice.open(ABSENT_BUS, 0x48));

    assertTrue(e.getMessage().startsWith("i2c-9999/0x48: /dev/i2c-9999 does not exist"),
        e.getMessage());
  }

  @Test
  void reservedAddressesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Pi4jI2cDevice.open(1, 0x78));
    assertThrows(IllegalArgumentException.class, () -> Pi4jI2cDevice.open(1, 0x00));
  }

  @Test
  void locationFormat() {
    assertEquals("i2c-1/0x4a", Pi4jI2cDevice.location(1, 0x4A));
  }
}
