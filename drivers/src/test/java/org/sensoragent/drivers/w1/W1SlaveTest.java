package org.sensoragent.drivers.w1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class W1SlaveTest {

  @Test
  void parsesBothLines() {
    W1Slave slave = W1Slave.parse("""
        72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
        72 01 4b 46 7f ff 0e 10 57 t=23125
        """);

    assertTrue(slave.crcValid());
    assertEquals(23125, slave.milliCelsius());
    assertArrayEquals(new byte[] {0x72, 0x01, 0x4b, 0x46, 0x7f, (byte) 0xff, 0x0e, 0x10, 0x57},
        slave.scratchpad());
  }

  @Test
  void parsesACrcFailureAndNegativeTemperatures() {
    W1Slave slave = W1Slave.parse("""
        5e ff 4b 46 7f ff 02 10 f3 : crc=f3 NO
        5e ff 4b 46 7f ff 02 10 f3 t=-10125
        """);

    assertFalse(slave.crcValid());
    assertEquals(-10125, slave.milliCelsius());
  }

  @Test
  void recognisesAllFfScratchpad() {
    W1Slave slave = W1Slave.parse("ff ff ff ff ff ff ff ff ff : crc=c9 NO\n"
        + "ff ff ff ff ff ff ff ff ff t=-62\n");

    assertTrue(slave.scratchpadAll(0xFF));
    assertFalse(slave.scratchpadAll(0x00));
  }

  @Test
  void rejectsOneLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> W1Slave.parse("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n"));
    assertTrue(e.getMessage().startsWith("expected 2 lines, got 1"), e.getMessage());
  }

  @Test
  void rejectsAMissingTemperature() {
    assertThrows(IllegalArgumentException.class, () -> W1Slave.parse(
        "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57\n"));
  }

  @Test
  void rejectsEmptyContent() {
    assertThrows(IllegalArgumentException.class, () -> W1Slave.parse(""));
  }
}
