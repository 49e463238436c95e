package org.sensoragent.agent.transport;

import java.util.List;
import org.sensoragent.agent.Reading;

/**
 * Encodes readings as one SenML JSON pack (RFC 8428), in exactly the form DESIGN.md shows: base
 * name {@code urn:dev:sensor-agent:<device>:}, base time = the first reading's time, and per record
 * {@code n}, {@code u}, {@code v} and {@code t} relative to the base time, in seconds with
 * millisecond precision. Stateless and thread-safe.
 */
public final class Senml {

  public static final String CONTENT_TYPE = "application/senml+json";
  /** CoAP content-format of application/senml+json (RFC 8428, section 12.3). */
  public static final int COAP_CONTENT_FORMAT = 110;

  private Senml() {}

  public static String baseName(String deviceId) {
    return "urn:dev:sensor-agent:" + deviceId + ":";
  }

  /** @throws IllegalArgumentException for an empty list: SenML has no empty pack worth sending */
  public static String encode(String deviceId, List<Reading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a SenML pack needs at least one reading");
    }
    long baseMillis = readings.get(0).time().toEpochMilli();
    StringBuilder json = new StringBuilder(64 + 64 * readings.size()).append('[');
    for (int i = 0; i < readings.size(); i++) {
      Reading reading = readings.get(i);
      json.append(i == 0 ? "{" : ",{");
      if (i == 0) {
        json.append("\"bn\":");
        appendString(json, baseName(deviceId));
        appendSeconds(json.append(",\"bt\":"), baseMillis).append(',');
      }
      json.append("\"n\":");
      appendString(json, reading.senmlName());
      json.append(",\"u\":");
      appendString(json, reading.quantity().senmlUnit());
      json.append(",\"v\":").append(reading.value());
      appendSeconds(json.append(",\"t\":"), reading.time().toEpochMilli() - baseMillis).append('}');
    }
    return json.append(']').toString();
  }

  /** Seconds with at most millisecond digits and always a fraction: 1795550000.0, 10.25. */
  static String seconds(long millis) {
    return appendSeconds(new StringBuilder(24), millis).toString();
  }

  /**
   * As {@link #seconds}, appended without a BigDecimal per reading: encoding is on the drain's
   * critical path (a 5,000-reading batch is 10,000 times). Millis beyond +-2^63/1000 s do not occur.
   */
  private static StringBuilder appendSeconds(StringBuilder json, long millis) {
    if (millis < 0) {
      json.append('-');
      millis = -millis;
    }
    json.append(millis / 1000).append('.');
    int fraction = (int) (millis % 1000);
    if (fraction == 0) {
      return json.append('0');
    }
    json.append((char) ('0' + fraction / 100));
    if (fraction % 100 != 0) {
      json.append((char) ('0' + fraction / 10 % 10));
      if (fraction % 10 != 0) {
        json.append((char) ('0' + fraction % 10));
      }
    }
    return json;
  }

  private static void appendString(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
