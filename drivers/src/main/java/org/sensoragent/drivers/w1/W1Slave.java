package org.sensoragent.drivers.w1;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kernel's {@code w1_therm} driver writes to {@code w1_slave}: the nine scratchpad bytes
 * with its CRC verdict, then the same bytes with the temperature it derived from them.
 *
 * <pre>
 * 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
 * 72 01 4b 46 7f ff 0e 10 57 t=23125
 * </pre>
 *
 * Pure parsing: the values are not judged here (see {@link Ds18b20}).
 *
 * @param scratchpad the nine bytes as read, least significant temperature byte first
 * @param crcValid the kernel's verdict: {@code YES} on the first line
 * @param milliCelsius the {@code t=} value of the second line
 */
public record W1Slave(byte[] scratchpad, boolean crcValid, int milliCelsius) {

  private static final Pattern CRC_LINE =
      Pattern.compile("((?:[0-9a-f]{2} ){9}): crc=[0-9a-f]{2} (YES|NO)");
  private static final Pattern TEMPERATURE_LINE =
      Pattern.compile("(?:[0-9a-f]{2} ){9}t=(-?\\d{1,7})");

  /**
   * Parses the whole content of {@code w1_slave}.
   *
   * @throws IllegalArgumentException when it is not the two lines above; the message quotes it
   */
  public static W1Slave parse(String content) {
    String[] lines = content.strip().split("\\R");
    if (lines.length != 2) {
      throw new IllegalArgumentException("expected 2 lines, got " + lines.length + ": " + quote(content));
    }
    Matcher crc = CRC_LINE.matcher(lines[0].strip());
    Matcher temperature = TEMPERATURE_LINE.matcher(lines[1].strip());
    if (!crc.matches() || !temperature.matches()) {
      throw new IllegalArgumentException("unrecognised w1_slave content: " + quote(content));
    }
    byte[] scratchpad = HexFormat.ofDelimiter(" ").parseHex(crc.group(1).strip());
    return new W1Slave(scratchpad, crc.group(2).equals("YES"),
        Integer.parseInt(temperature.group(1)));
  }

  /** True when every scratchpad byte is {@code value}, the signature of a dead or absent sensor. */
  public boolean scratchpadAll(int value) {
    for (byte b : scratchpad) {
      if ((b & 0xFF) != value) {
        return false;
      }
    }
    return true;
  }

  private static String quote(String content) {
    String oneLine = content.strip().replaceAll("\\R", " | ");
    return "\"" + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine) + "\"";
  }
}
