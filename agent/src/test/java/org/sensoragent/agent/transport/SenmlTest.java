package org.sensoragent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensoragent.agent.Reading;
import org.sensoragent.drivers.Quantity;

class SenmlTest {

  @Test
  void encodesExactlyTheFormDesignShows() {
    Instant base = Instant.ofEpochSecond(1795550000L);
    List<Reading> readings =
        List.of(
            Reading.of("air", Quantity.TEMPERATURE, 22.5, base),
            Reading.of("air", Quantity.TEMPERATURE, 22.6, base.plusSeconds(10)));

    assertEquals(
        "[{\"bn\":\"urn:dev:sensor-agent:meeting-room-1:\",\"bt\":1795550000.0,"
            + "\"n\":\"air/temperature\",\"u\":\"Cel\",\"v\":22.5,\"t\":0.0},"
            + "{\"n\":\"air/temperature\",\"u\":\"Cel\",\"v\":22.6,\"t\":10.0}]",
        Senml.encode("meeting-room-1", readings));
  }

  @Test
  void secondsMatchTheDecimalValueOfTheMilliseconds() {
    for (long millis : new long[] {0, 1, 10, 100, 120, 123, 999, 1000, 1500, 10_050, 1_795_550_000_123L, -1, -500, -1500, -10_010}) {
      java.math.BigDecimal exact = java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros();
      String expected = exact.scale() <= 0 ? exact.setScale(1).toPlainString() : exact.toPlainString();
      assertEquals(expected, Senml.seconds(millis), millis + " ms");
    }
  }

  @Test
  void keepsMillisecondsAndUnitsOfEachQuantity() {
    Instant base = Instant.ofEpochMilli(1795550000123L);
    String pack =
        Senml.encode(
            "d",
            List.of(
                Reading.of("env", Quantity.HUMIDITY, 45.25, base),
                Reading.of("env", Quantity.PRESSURE, 101325.0, base.plusMillis(1500))));

    assertEquals(
        "[{\"bn\":\"urn:dev:sensor-agent:d:\",\"bt\":1795550000.123,\"n\":\"env/humidity\",\"u\":\"%RH\",\"v\":45.25,\"t\":0.0},"
            + "{\"n\":\"env/pressure\",\"u\":\"Pa\",\"v\":101325.0,\"t\":1.5}]",
        pack);
  }

  @Test
  void negativeRelativeTimesWhenABatchIsNotInTimeOrder() {
    Instant base = Instant.ofEpochSecond(100);
    String pack =
        Senml.encode(
            "d",
            List.of(
                Reading.of("a", Quantity.TEMPERATURE, -3.0625, base),
                Reading.of("b", Quantity.TEMPERATURE, 1, base.minusMillis(250))));
    assertEquals(
        "[{\"bn\":\"urn:dev:sensor-agent:d:\",\"bt\":100.0,\"n\":\"a/temperature\",\"u\":\"Cel\",\"v\":-3.0625,\"t\":0.0},"
            + "{\"n\":\"b/temperature\",\"u\":\"Cel\",\"v\":1.0,\"t\":-0.25}]",
        pack);
  }

  @Test
  void escapesWhatJsonRequires() {
    String pack = Senml.encode("a\"b\\c", List.of(Reading.of("s", Quantity.TEMPERATURE, 1, Instant.EPOCH)));
    assertEquals(
        "[{\"bn\":\"urn:dev:sensor-agent:a\\\"b\\\\c:\",\"bt\":0.0,\"n\":\"s/temperature\",\"u\":\"Cel\",\"v\":1.0,\"t\":0.0}]",
        pack);
  }

  @Test
  void refusesAnEmptyPack() {
    assertThrows(IllegalArgumentException.class, () -> Senml.encode("d", List.of()));
  }
}
